// One monitored vault or managed HSM, in its own resource group: its AuditEvent diagnostic logs streamed into
// KeyLedger's Event Hub, and (vaults only: Event Grid has no managed HSM events) its Event Grid system topic
// with KeyLedger's subscription, delivering to the Event Grid trigger or the webhook, dead-lettering into the
// rejected-records container.
targetScope = 'resourceGroup'

param prefix string
param vaultName string
@allowed([
  'vault'
  'managedHsm'
])
param kind string
param eventHubAuthorizationRuleId string
param eventHubName string
param deployEventSubscription bool
param eventGridDelivery string
param functionAppId string
param functionAppHostName string
param deadLetterStorageId string
param deadLetterContainer string

var isVault = kind == 'vault'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = if (isVault) {
  name: vaultName
}

resource hsm 'Microsoft.KeyVault/managedHSMs@2023-07-01' existing = if (!isVault) {
  name: vaultName
}

resource vaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (isVault) {
  name: '${prefix}-audit'
  scope: vault
  properties: {
    eventHubAuthorizationRuleId: eventHubAuthorizationRuleId
    eventHubName: eventHubName
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

resource hsmDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!isVault) {
  name: '${prefix}-audit'
  scope: hsm
  properties: {
    eventHubAuthorizationRuleId: eventHubAuthorizationRuleId
    eventHubName: eventHubName
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

resource systemTopic 'Microsoft.EventGrid/systemTopics@2022-06-15' = if (isVault && deployEventSubscription) {
  name: '${prefix}-${vaultName}'
  location: vault.location
  properties: {
    source: vault.id
    topicType: 'Microsoft.KeyVault.vaults'
  }
}

resource keyEvents 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = if (isVault && deployEventSubscription) {
  parent: systemTopic
  name: '${prefix}-keys'
  properties: {
    eventDeliverySchema: 'CloudEventSchemaV1_0'
    destination: eventGridDelivery == 'trigger' ? {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: '${functionAppId}/functions/ingestEventGrid'
        maxEventsPerBatch: 1
      }
    } : {
      endpointType: 'WebHook'
      properties: {
        endpointUrl: 'https://${functionAppHostName}/api/eventgrid/keyvault?code=${listKeys('${functionAppId}/host/default', '2023-12-01').functionKeys.default}'
        maxEventsPerBatch: 10
      }
    }
    filter: {
      includedEventTypes: [
        'Microsoft.KeyVault.KeyNewVersionCreated'
        'Microsoft.KeyVault.KeyNearExpiry'
        'Microsoft.KeyVault.KeyExpired'
        'Microsoft.KeyVault.CertificateNewVersionCreated'
        'Microsoft.KeyVault.CertificateNearExpiry'
        'Microsoft.KeyVault.CertificateExpired'
        'Microsoft.KeyVault.VaultAccessPolicyChanged'
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterDestination: {
      endpointType: 'StorageBlob'
      properties: {
        resourceId: deadLetterStorageId
        blobContainerName: deadLetterContainer
      }
    }
  }
}
