// The subscription's Activity Log (administrative operations: vaults and keys written and deleted through
// Azure Resource Manager) streamed into KeyLedger's Event Hub.
targetScope = 'subscription'

param prefix string
param eventHubAuthorizationRuleId string
param eventHubName string

resource activityLog 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: '${prefix}-activity-log'
  properties: {
    eventHubAuthorizationRuleId: eventHubAuthorizationRuleId
    eventHubName: eventHubName
    logs: [
      {
        category: 'Administrative'
        enabled: true
      }
    ]
  }
}
