// The function app and what it uses, in one resource group: its managed identity, the Storage account
// (the host's storage, the sweep queue, the rejected-records container and, with store 'storage', the
// inventory's two tables), Cosmos DB for Table and the same two tables there (with store 'cosmos'), the Event
// Hub the diagnostic settings stream into, the alert topic, and the identity's roles on each, nothing wider.
targetScope = 'resourceGroup'

param location string
param prefix string
param store string
param plan string
param tenants object
param adminPrincipals object
param appServiceAuth bool
param entraIssuer string
param entraAudience string
param sweepSchedule string
param purgeSchedule string
param sweptSubscriptions array
param paused bool
param logRetentionDays int

var suffix = uniqueString(resourceGroup().id)
var storageName = take('${prefix}${suffix}', 24)
var sweepQueueName = 'keyledger-sweep'
var rejectedContainerName = 'keyledger-rejected'
var eventHubName = 'keyledger-logs'
var consumerGroupName = 'keyledger'
// The inventory's tables: the base name (KEYLEDGER_TABLE) and its registry of tenants (InventoryTables)
var tableName = 'keyledger'
var tenantsTableName = '${tableName}tenants'
var disabled = paused ? 'true' : 'false'

// Built-in roles, by id (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles)
var roles = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  eventHubsDataReceiver: 'a638d3c7-ab3a-418d-83e6-5f17a39d4fde'
  eventGridDataSender: 'd5a91429-5739-47e2-a06b-3470a27159e7'
}

// Cosmos DB for Table has a data-plane RBAC of its own: its built-in data contributor
var cosmosTableDataContributor = '00000000-0000-0000-0000-000000000002'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${prefix}-functions'
  location: location
}

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: storageName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource sweepQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: sweepQueueName
}

resource sweepPoisonQueue 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = {
  parent: queueService
  name: '${sweepQueueName}-poison'
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource rejectedContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: rejectedContainerName
  properties: {
    publicAccess: 'None'
  }
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' = if (store == 'storage') {
  parent: storage
  name: 'default'
}

resource inventoryTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = if (store == 'storage') {
  parent: tableService
  name: tableName
}

resource tenantsTable 'Microsoft.Storage/storageAccounts/tableServices/tables@2023-05-01' = if (store == 'storage') {
  parent: tableService
  name: tenantsTableName
}

resource cosmos 'Microsoft.DocumentDB/databaseAccounts@2024-05-15' = if (store == 'cosmos') {
  name: '${prefix}-${suffix}'
  location: location
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    capabilities: [
      {
        name: 'EnableTable'
      }
      {
        name: 'EnableServerless'
      }
    ]
    locations: [
      {
        locationName: location
        failoverPriority: 0
      }
    ]
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
  }
}

// Time to live cannot be turned on here (Resource Manager has no such property for a table of Cosmos DB for
// Table): DEPLOY.md says how, and the scheduled purge removes expired records without it.
resource cosmosInventoryTable 'Microsoft.DocumentDB/databaseAccounts/tables@2024-05-15' = if (store == 'cosmos') {
  parent: cosmos
  name: tableName
  properties: {
    resource: {
      id: tableName
    }
  }
}

resource cosmosTenantsTable 'Microsoft.DocumentDB/databaseAccounts/tables@2024-05-15' = if (store == 'cosmos') {
  parent: cosmos
  name: tenantsTableName
  properties: {
    resource: {
      id: tenantsTableName
    }
  }
}

resource eventHubs 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: '${prefix}-${suffix}'
  location: location
  sku: {
    name: 'Standard'
    tier: 'Standard'
    capacity: 1
  }
  properties: {
    minimumTlsVersion: '1.2'
  }
}

resource logsHub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: eventHubs
  name: eventHubName
  properties: {
    partitionCount: 4
    messageRetentionInDays: logRetentionDays
  }
}

resource consumerGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: logsHub
  name: consumerGroupName
}

// What diagnostic settings send with: Azure Monitor needs Manage, Send and Listen on the namespace's rule.
resource diagnosticsRule 'Microsoft.EventHub/namespaces/authorizationRules@2024-01-01' = {
  parent: eventHubs
  name: 'keyledger-diagnostics'
  properties: {
    rights: [
      'Manage'
      'Send'
      'Listen'
    ]
  }
}

resource alertTopic 'Microsoft.EventGrid/topics@2022-06-15' = {
  name: '${prefix}-alerts-${suffix}'
  location: location
  properties: {
    inputSchema: 'CloudEventSchemaV1_0'
    disableLocalAuth: true
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${prefix}-${suffix}'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    DisableLocalAuth: false
  }
}

resource hostingPlan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${prefix}-plan'
  location: location
  kind: 'functionapp'
  sku: {
    name: plan
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2023-12-01' = {
  name: '${prefix}-${suffix}'
  location: location
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identity.id}': {}
    }
  }
  properties: {
    serverFarmId: hostingPlan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identity.id
    siteConfig: {
      linuxFxVersion: 'Java|17'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        {
          name: 'FUNCTIONS_EXTENSION_VERSION'
          value: '~4'
        }
        {
          name: 'FUNCTIONS_WORKER_RUNTIME'
          value: 'java'
        }
        {
          name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
          value: insights.properties.ConnectionString
        }
        {
          name: 'AzureWebJobsStorage__accountName'
          value: storage.name
        }
        {
          name: 'AzureWebJobsStorage__credential'
          value: 'managedidentity'
        }
        {
          name: 'AzureWebJobsStorage__clientId'
          value: identity.properties.clientId
        }
        {
          name: 'AZURE_CLIENT_ID'
          value: identity.properties.clientId
        }
        {
          name: 'KEYLEDGER_TABLES_ENDPOINT'
          value: store == 'cosmos' ? 'https://${cosmos.name}.table.cosmos.azure.com' : storage.properties.primaryEndpoints.table
        }
        {
          name: 'KEYLEDGER_TABLE'
          value: tableName
        }
        {
          name: 'KEYLEDGER_TABLES_RETENTION'
          value: store == 'cosmos' ? 'cosmos-ttl' : 'storage'
        }
        {
          name: 'KEYLEDGER_QUEUES__queueServiceUri'
          value: storage.properties.primaryEndpoints.queue
        }
        {
          name: 'KEYLEDGER_QUEUES__credential'
          value: 'managedidentity'
        }
        {
          name: 'KEYLEDGER_QUEUES__clientId'
          value: identity.properties.clientId
        }
        {
          name: 'KEYLEDGER_SWEEP_QUEUE'
          value: sweepQueueName
        }
        {
          name: 'KEYLEDGER_SWEEP_SCHEDULE'
          value: sweepSchedule
        }
        {
          name: 'KEYLEDGER_PURGE_SCHEDULE'
          value: purgeSchedule
        }
        {
          name: 'KEYLEDGER_EVENT_HUB__fullyQualifiedNamespace'
          value: '${eventHubs.name}.servicebus.windows.net'
        }
        {
          name: 'KEYLEDGER_EVENT_HUB__credential'
          value: 'managedidentity'
        }
        {
          name: 'KEYLEDGER_EVENT_HUB__clientId'
          value: identity.properties.clientId
        }
        {
          name: 'KEYLEDGER_EVENT_HUB_NAME'
          value: eventHubName
        }
        {
          name: 'KEYLEDGER_EVENT_HUB_CONSUMER_GROUP'
          value: consumerGroupName
        }
        {
          name: 'KEYLEDGER_ALERT_TOPIC_ENDPOINT'
          value: alertTopic.properties.endpoint
        }
        {
          name: 'KEYLEDGER_SUBSCRIPTIONS'
          value: join(sweptSubscriptions, ',')
        }
        {
          name: 'KEYLEDGER_TENANTS'
          value: string(tenants)
        }
        {
          name: 'KEYLEDGER_ADMIN_PRINCIPALS'
          value: string(adminPrincipals)
        }
        {
          name: 'KEYLEDGER_APP_SERVICE_AUTH'
          value: appServiceAuth ? 'true' : 'false'
        }
        {
          name: 'KEYLEDGER_ENTRA_ISSUER'
          value: entraIssuer
        }
        {
          name: 'KEYLEDGER_ENTRA_AUDIENCE'
          value: entraAudience
        }
        {
          name: 'AzureWebJobs.ingestMonitorLogs.Disabled'
          value: disabled
        }
        {
          name: 'AzureWebJobs.ingestEventGrid.Disabled'
          value: disabled
        }
        {
          name: 'AzureWebJobs.eventGridWebhook.Disabled'
          value: disabled
        }
        {
          name: 'AzureWebJobs.sweepSchedule.Disabled'
          value: disabled
        }
        {
          name: 'AzureWebJobs.sweepVault.Disabled'
          value: disabled
        }
        {
          name: 'AzureWebJobs.purgeExpired.Disabled'
          value: disabled
        }
        {
          name: 'AzureWebJobs.adminApi.Disabled'
          value: disabled
        }
      ]
    }
  }
}

// The identity's roles, each on the one resource it is for.
resource hostStorageRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageBlobDataOwner)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageBlobDataOwner)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource queueRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(storage.id, identity.id, roles.storageQueueDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageQueueDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource tableRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (store == 'storage') {
  name: guid(storage.id, identity.id, roles.storageTableDataContributor)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.storageTableDataContributor)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource cosmosTableRole 'Microsoft.DocumentDB/databaseAccounts/tableRoleAssignments@2024-12-01-preview' = if (store == 'cosmos') {
  parent: cosmos
  name: guid(cosmos.id, identity.id, cosmosTableDataContributor)
  properties: {
    roleDefinitionId: '${cosmos.id}/tableRoleDefinitions/${cosmosTableDataContributor}'
    principalId: identity.properties.principalId
    scope: cosmos.id
  }
}

resource eventHubRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(logsHub.id, identity.id, roles.eventHubsDataReceiver)
  scope: logsHub
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventHubsDataReceiver)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

resource alertTopicRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(alertTopic.id, identity.id, roles.eventGridDataSender)
  scope: alertTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roles.eventGridDataSender)
    principalId: identity.properties.principalId
    principalType: 'ServicePrincipal'
  }
}

output functionAppName string = functionApp.name
output functionAppId string = functionApp.id
output functionAppHostName string = functionApp.properties.defaultHostName
output principalId string = identity.properties.principalId
output clientId string = identity.properties.clientId
output storageAccountId string = storage.id
output rejectedContainer string = rejectedContainerName
output eventHubName string = eventHubName
output diagnosticsRuleId string = diagnosticsRule.id
output alertTopicEndpoint string = alertTopic.properties.endpoint
