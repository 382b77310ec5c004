// KeyLedger on Azure: the function app and everything it reads and writes, in one resource group, plus
// what lives outside it (the Activity Log's diagnostic setting, each monitored vault's diagnostic setting and
// Event Grid subscription, the sweep's role in each swept subscription). See docs/azure/DEPLOY.md.
targetScope = 'subscription'

@description('Azure region of the resource group and everything in it.')
param location string

@description('Prefix of every name; 3 to 11 lower-case letters and digits (storage account names are short).')
@minLength(3)
@maxLength(11)
param prefix string = 'keyledger'

@description('Where the inventory lives: a Storage account\'s tables (expired records removed by the scheduled purge), or Cosmos DB for Table (also by its time to live, once turned on: DEPLOY.md).')
@allowed([
  'storage'
  'cosmos'
])
param store string = 'storage'

@description('The function app\'s plan: Y1 (Consumption) or EP1 (Elastic Premium, no cold start).')
@allowed([
  'Y1'
  'EP1'
])
param plan string = 'Y1'

@description('The vaults and managed HSMs whose AuditEvent logs and Event Grid events are ingested: objects with subscriptionId, resourceGroup, name and kind (vault or managedHsm).')
param monitoredVaults array = []

@description('The subscriptions whose vaults are swept (empty: this one). Each gets the sweep\'s custom role.')
param sweptSubscriptions array = []

@description('Subscriptions to tenants, the short form of KEYLEDGER_TENANTS: {"<subscription id>": "acme", "default": "shared"}.')
param tenants object = {}

@description('The admin API\'s principal mapping (docs/AUTH.md): {"principals": [...]}.')
param adminPrincipals object = {
  principals: []
}

@description('Trust App Service authentication\'s X-MS-CLIENT-PRINCIPAL: only with App Service authentication configured on the app.')
param appServiceAuth bool = false

@description('The Entra ID issuer whose bearer tokens the admin API accepts, e.g. https://login.microsoftonline.com/<tenant id>/v2.0; empty: none.')
param entraIssuer string = ''

@description('The audience those tokens are for (the API\'s application id URI or client id).')
param entraAudience string = ''

@description('When the scheduled sweep runs (NCRONTAB, six fields, UTC).')
param sweepSchedule string = '0 0 2 * * *'

@description('When the scheduled purge of expired records runs (NCRONTAB, six fields, UTC).')
param purgeSchedule string = '0 30 3 * * *'

@description('Create the Event Grid subscriptions; they need the functions deployed (second pass, see DEPLOY.md).')
param deployEventSubscriptions bool = false

@description('How Event Grid delivers Key Vault events: to the Event Grid trigger, or to the webhook.')
@allowed([
  'trigger'
  'webhook'
])
param eventGridDelivery string = 'trigger'

@description('Stop every function without removing anything (AzureWebJobs.<function>.Disabled).')
param paused bool = false

@description('Days Event Hubs keeps the streamed logs (a stopped function resumes from its checkpoint within them).')
@minValue(1)
@maxValue(7)
param logRetentionDays int = 7

var resourceGroupName = '${prefix}-rg'
var swept = empty(sweptSubscriptions) ? [
  subscription().subscriptionId
] : sweptSubscriptions

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: resourceGroupName
  location: location
}

module app 'modules/app.bicep' = {
  name: '${prefix}-app'
  scope: group
  params: {
    location: location
    prefix: prefix
    store: store
    plan: plan
    tenants: tenants
    adminPrincipals: adminPrincipals
    appServiceAuth: appServiceAuth
    entraIssuer: entraIssuer
    entraAudience: entraAudience
    sweepSchedule: sweepSchedule
    purgeSchedule: purgeSchedule
    sweptSubscriptions: swept
    paused: paused
    logRetentionDays: logRetentionDays
  }
}

module activityLog 'modules/activity-log.bicep' = [for subscriptionId in swept: {
  name: '${prefix}-activity-log-${uniqueString(subscriptionId)}'
  scope: subscription(subscriptionId)
  params: {
    prefix: prefix
    eventHubAuthorizationRuleId: app.outputs.diagnosticsRuleId
    eventHubName: app.outputs.eventHubName
  }
}]

module sweepRole 'modules/sweep-role.bicep' = [for subscriptionId in swept: {
  name: '${prefix}-sweep-role-${uniqueString(subscriptionId)}'
  scope: subscription(subscriptionId)
  params: {
    prefix: prefix
    principalId: app.outputs.principalId
  }
}]

module vaults 'modules/vault-events.bicep' = [for vault in monitoredVaults: {
  name: '${prefix}-vault-${uniqueString(vault.subscriptionId, vault.resourceGroup, vault.name)}'
  scope: resourceGroup(vault.subscriptionId, vault.resourceGroup)
  params: {
    prefix: prefix
    vaultName: vault.name
    kind: vault.kind
    eventHubAuthorizationRuleId: app.outputs.diagnosticsRuleId
    eventHubName: app.outputs.eventHubName
    deployEventSubscription: deployEventSubscriptions
    eventGridDelivery: eventGridDelivery
    functionAppId: app.outputs.functionAppId
    functionAppHostName: app.outputs.functionAppHostName
    deadLetterStorageId: app.outputs.storageAccountId
    deadLetterContainer: app.outputs.rejectedContainer
  }
}]

output resourceGroup string = group.name
output functionAppName string = app.outputs.functionAppName
output adminApiBase string = 'https://${app.outputs.functionAppHostName}/api/keyledger'
output principalId string = app.outputs.principalId
output clientId string = app.outputs.clientId
output alertTopicEndpoint string = app.outputs.alertTopicEndpoint
