// The sweep's custom role in one subscription, made of exactly the operations the Key Vault key source and its
// discovery declare (sweep-permissions.json, generated from that declaration and checked against it by the
// infra tests), and its assignment to the function app's identity. Managed HSM keys are read under the HSM's
// own local RBAC, which Resource Manager cannot assign: see docs/azure/DEPLOY.md.
targetScope = 'subscription'

param prefix string
param principalId string

var permissions = loadJsonContent('../sweep-permissions.json')

resource sweepRole 'Microsoft.Authorization/roleDefinitions@2022-04-01' = {
  name: guid(subscription().id, prefix, 'keyledger-sweep')
  properties: {
    roleName: '${prefix} sweep (${subscription().subscriptionId})'
    description: 'Lists Key Vaults and managed HSMs and reads key metadata, as KeyLedger\'s sweep declares; no key use, no secrets.'
    type: 'CustomRole'
    assignableScopes: [
      subscription().id
    ]
    permissions: [
      {
        actions: permissions.actions
        notActions: []
        dataActions: permissions.dataActions
        notDataActions: []
      }
    ]
  }
}

resource sweepAssignment 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, sweepRole.id)
  properties: {
    roleDefinitionId: sweepRole.id
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
