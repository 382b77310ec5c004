package io.keyledger.azure.format;

import static io.keyledger.azure.format.TestRecords.SUBSCRIPTION;
import static io.keyledger.azure.format.TestRecords.event;
import static io.keyledger.azure.format.TestRecords.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class KeyVaultAuditDecoderTest {

    private static final String OPERATIONS = "/azure/auditevent/operations.json";
    private static final String V1 = "4f1c2b7e9d0a4c3b8e6f5a4d3c2b1a09";

    private static ObjectNode op(String operationName) {
        return op(operationName, 1);
    }

    /** The {@code nth} record of the operation in the operations file. */
    private static ObjectNode op(String operationName, int nth) {
        int seen = 0;
        for (int i = 0; ; i++) {
            ObjectNode r = record(OPERATIONS, i);
            if (r.get("operationName").asString().equals(operationName) && ++seen == nth) {
                return r;
            }
        }
    }

    private static KeyRef vaultKey(String name) {
        return new KeyRef(Provider.AZURE, SUBSCRIPTION, "contoso-kv", "https://contoso-kv.vault.azure.net/keys/" + name);
    }

    @Test
    void everyOperationBecomesWhatTheMappingSays() throws IOException {
        List<DecodedRecord> decoded = TestRecords.decodeResource(OPERATIONS);
        List<String[]> expected = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("/azure/auditevent/operations.expected"), StandardCharsets.UTF_8))) {
            r.lines().filter(l -> !l.isBlank()).forEach(l -> expected.add(l.split("\t")));
        }
        assertThat(decoded).hasSameSizeAs(expected);
        for (int i = 0; i < decoded.size(); i++) {
            String operation = expected.get(i)[0];
            String outcome = expected.get(i)[1];
            DecodedRecord d = decoded.get(i);
            String actual = d instanceof DecodedRecord.Event e ? e.event().action().name()
                    : d instanceof DecodedRecord.Ignored ? "Ignored" : d.toString();
            assertThat(actual).as(operation + " at record " + (i + 1)).isEqualTo(outcome);
            assertThat(d.at().index()).isEqualTo(i + 1);
            if (d instanceof DecodedRecord.Event e) {
                assertThat(e.event().source().operation()).isEqualTo(operation);
                assertThat(e.event().source().kind()).isEqualTo("azure-audit");
            }
        }
    }

    @Test
    void keyCreateTakesSpecDatesAndVersionFromTheRecord() {
        KeyEvent e = event(op("KeyCreate"));

        assertThat(e.key()).isEqualTo(vaultKey("payments-cmk"));
        assertThat(e.versionId()).contains(V1);
        assertThat(e.eventTime()).isEqualTo(Instant.parse("2025-02-03T13:00:00.1234567Z"));
        assertThat(e.attributes()).containsEntry("state", "ACTIVE").containsEntry("nativeState", "enabled")
                .containsEntry("kind", "ASYMMETRIC").containsEntry("algorithm", "RSA-3072")
                .containsEntry("nativeSpec", "RSA-HSM").containsEntry("protection", "HSM")
                .containsEntry("keyUsage", "WRAP_UNWRAP").containsEntry("manager", "CUSTOMER")
                .containsEntry("origin", "GENERATED").containsEntry("createdAt", "2025-02-03T13:00:00Z")
                .containsEntry("expiresAt", "2027-02-03T13:00:00Z");
        assertThat(e.actor().principal()).isEqualTo("carol@contoso.com");
        assertThat(e.actor().type()).isEqualTo(ActorType.USER);
        assertThat(e.actor().sourceIp()).contains("203.0.113.44");
        assertThat(e.actor().userAgent().orElseThrow()).startsWith("azsdk-python-keyvault-keys/4.9.0");
        assertThat(e.outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void keyImportIsImportedMaterial() {
        KeyEvent e = event(op("KeyImport"));

        assertThat(e.action()).isEqualTo(Action.IMPORT_MATERIAL);
        assertThat(e.attributes()).containsEntry("origin", "IMPORTED").containsEntry("algorithm", "EC-P256")
                .containsEntry("keyUsage", "SIGN_VERIFY").containsEntry("protection", "HSM")
                .containsEntry("nativeSpec", "EC-HSM P-256");
    }

    @Test
    void keyUpdateFollowsWhatTheRecordCarries() {
        List<KeyEvent> updates = new ArrayList<>();
        for (int i = 0; ; i++) {
            ObjectNode r = record(OPERATIONS, i);
            if (r.get("operationName").asString().equals("KeyUpdate")) {
                updates.add(event(r));
            } else if (!updates.isEmpty()) {
                break;
            }
        }
        assertThat(updates).extracting(KeyEvent::action)
                .containsExactly(Action.DISABLE, Action.ENABLE, Action.TAG, Action.METADATA);
        assertThat(updates.get(0).attributes()).containsEntry("state", "SUSPENDED").containsEntry("nativeState", "disabled");
        assertThat(updates.get(0).versionId()).contains(V1);
        assertThat(updates.get(1).attributes()).containsEntry("state", "ACTIVE").containsEntry("nativeState", "enabled");
        assertThat(updates.get(2).attributes()).containsEntry("tag.env", "prod")
                .containsEntry("usage.aiCategory", "INFERENCE_LOGS").doesNotContainKey("state");
        assertThat(updates.get(2).versionId()).isEmpty();
        assertThat(updates.get(3).attributes()).isEmpty();
    }

    @Test
    void aKeyUpdateSettingAPastExpiryDeactivatesAndAFutureNotBeforeAwaits() {
        ObjectNode expired = op("KeyUpdate", 4);
        ((ObjectNode) expired.get("properties")).putObject("attributes").put("exp", 1735689600);
        KeyEvent e = event(expired);
        assertThat(e.action()).isEqualTo(Action.METADATA);
        assertThat(e.attributes()).containsEntry("state", "DEACTIVATED").containsEntry("nativeState", "expired")
                .containsEntry("expiresAt", "2025-01-01T00:00:00Z");

        ObjectNode pending = op("KeyUpdate", 4);
        ((ObjectNode) pending.get("properties")).putObject("attributes").put("enabled", true)
                .put("nbf", "2026-01-01T00:00:00Z");
        assertThat(event(pending).attributes()).containsEntry("state", "PRE_ACTIVATION")
                .containsEntry("nativeState", "enabled, not before 2026-01-01T00:00:00Z")
                .containsEntry("notBefore", "2026-01-01T00:00:00Z");
    }

    @Test
    void deleteRecoverAndPurgeFollowSoftDeletion() {
        KeyEvent deleted = event(op("KeyDelete"));
        assertThat(deleted.key()).isEqualTo(vaultKey("reporting-2023"));
        assertThat(deleted.action()).isEqualTo(Action.SCHEDULE_DESTRUCTION);
        assertThat(deleted.attributes()).containsEntry("state", "DEACTIVATED")
                .containsEntry("nativeState", "deleted (recoverable until 2025-06-30T10:00:00Z)")
                .containsEntry("destructionScheduledAt", "2025-06-30T10:00:00Z");
        assertThat(deleted.versionId()).isEmpty();

        KeyEvent recovered = event(op("KeyRecover"));
        assertThat(recovered.key()).isEqualTo(vaultKey("reporting-2023"));
        assertThat(recovered.attributes()).containsEntry("state", "ACTIVE").containsEntry("nativeState", "enabled");

        KeyEvent purged = event(op("KeyPurge"));
        assertThat(purged.key()).isEqualTo(vaultKey("old-test-key"));
        assertThat(purged.attributes()).containsEntry("state", "DESTROYED").containsEntry("nativeState", "purged");
    }

    @Test
    void aDeleteWithoutAPurgeDateSaysRecoverable() {
        ObjectNode r = op("KeyDelete");
        ((ObjectNode) r.get("properties")).remove("scheduledPurgeDate");
        assertThat(event(r).attributes()).containsEntry("nativeState", "deleted (recoverable)")
                .doesNotContainKey("destructionScheduledAt");
    }

    @Test
    void restoreNamesTheKeyByItsIdNotByTheRequestUri() {
        KeyEvent e = event(op("KeyRestore"));
        assertThat(e.key()).isEqualTo(vaultKey("restored-key"));
        assertThat(e.action()).isEqualTo(Action.CREATE);
    }

    @Test
    void aUseByAStorageAccountsIdentityNamesAzureStorage() {
        KeyEvent e = event(op("KeyUnwrap"));

        assertThat(e.action()).isEqualTo(Action.USE);
        assertThat(e.versionId()).isEmpty();
        // The storage account's own identity called: the account is what the key protects.
        assertThat(e.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("usage.service", "Azure Storage",
                "usage.resource", "/subscriptions/" + SUBSCRIPTION
                        + "/resourcegroups/contoso-rg/providers/microsoft.storage/storageaccounts/contosodata"));
        assertThat(e.actor().type()).isEqualTo(ActorType.SERVICE);
        assertThat(e.actor().principal()).isEqualTo("5e0b8c2a-7d41-4f3e-8a9b-2c1d0e3f4a5b");
        assertThat(e.actor().invokedBy()).contains("Azure Storage");
    }

    @Test
    void aUseByAnAzureOpenAiResourceIsAiUsage() {
        ObjectNode r = op("KeyUnwrap");
        r.putObject("identity").putObject("claim")
                .put("oid", "a7c9e1f3-5b2d-4e6f-8091-a2b3c4d5e6f7")
                .put("xms_mirid", "/subscriptions/" + SUBSCRIPTION
                        + "/resourcegroups/contoso-rg/providers/Microsoft.CognitiveServices/accounts/contoso-openai");
        KeyEvent e = event(r);
        assertThat(e.attributes()).containsEntry("usage.aiService", "Azure AI Services (Azure OpenAI)")
                .containsEntry("usage.aiCategory", "TENANT_AI_ENVIRONMENT");
    }

    @Test
    void aUseThroughAUserAssignedIdentityNamesNoResource() {
        ObjectNode r = op("KeyUnwrap");
        r.putObject("identity").putObject("claim")
                .put("oid", "a7c9e1f3-5b2d-4e6f-8091-a2b3c4d5e6f7")
                .put("xms_mirid", "/subscriptions/" + SUBSCRIPTION
                        + "/resourcegroups/contoso-rg/providers/Microsoft.ManagedIdentity/userAssignedIdentities/shared-id");
        assertThat(event(r).attributes()).doesNotContainKey("usage.resource");
    }

    @Test
    void automaticRotationWithoutACallerIsKeyVaultsOwn() {
        KeyEvent e = event(op("KeyRotateIfDue"));
        assertThat(e.action()).isEqualTo(Action.ROTATE);
        assertThat(e.actor().type()).isEqualTo(ActorType.SYSTEM);
        assertThat(e.versionId()).contains("0c24b95c67534a3eb85c71854dc8a7bd");
        assertThat(e.attributes()).containsEntry("state", "ACTIVE");
    }

    @Test
    void expiryNotificationsOfTheAuditLog() {
        KeyEvent expired = event(op("KeyExpiredEventGridNotification"));
        assertThat(expired.attributes()).containsEntry("state", "DEACTIVATED").containsEntry("nativeState", "expired");
        KeyEvent near = event(op("KeyNearExpiryEventGridNotification"));
        assertThat(near.attributes()).doesNotContainKey("state");
        assertThat(near.versionId()).isEmpty();
    }

    @Test
    void certificateLifecycleReachesItsBackingKey() {
        KeyEvent created = event(op("CertificateCreate"));
        assertThat(created.key()).isEqualTo(vaultKey("www-contoso"));
        assertThat(created.versionId()).isEmpty();
        assertThat(created.attributes()).containsEntry("description", "backs certificate www-contoso")
                .containsEntry("state", "ACTIVE");
        KeyEvent deleted = event(op("CertificateDelete"));
        assertThat(deleted.key()).isEqualTo(vaultKey("api-contoso"));
        assertThat(deleted.attributes()).containsEntry("state", "DEACTIVATED");
    }

    @Test
    void managedHsmRecordsHaveTheirFieldsAtTheTopAndTheIdentityAsText() {
        ObjectNode r = record(OPERATIONS, 47);
        KeyEvent e = event(r);

        assertThat(e.key()).isEqualTo(new KeyRef(Provider.AZURE, SUBSCRIPTION, "contoso-mhsm",
                "https://contoso-mhsm.managedhsm.azure.net/keys/tde-root"));
        assertThat(e.actor().principal()).isEqualTo("carol@contoso.com");
        assertThat(e.actor().userAgent().orElseThrow()).startsWith("azsdk-python-keyvault-keys");
        assertThat(e.attributes()).containsEntry("protection", "HSM").containsEntry("state", "ACTIVE")
                .containsEntry("customKeyStore", "https://contoso-mhsm.managedhsm.azure.net");
    }

    @Test
    void aFailedCallIsAnEventWithItsErrorAndChangesNothing() {
        ObjectNode r = op("KeyDelete");
        r.put("resultSignature", "Forbidden")
                .put("resultDescription", "Caller is not authorized to perform action on resource.");
        ((ObjectNode) r.get("properties")).put("httpStatusCode", 403);
        KeyEvent e = event(r);

        assertThat(e.outcome()).isEqualTo(Outcome.failure("Forbidden",
                "Caller is not authorized to perform action on resource."));
        assertThat(e.action()).isEqualTo(Action.SCHEDULE_DESTRUCTION);
    }

    @Test
    void aFailureWithoutASignatureTakesTheStatus() {
        ObjectNode r = op("KeyPurge");
        r.remove("resultSignature");
        r.put("resultType", "Failure");
        ((ObjectNode) r.get("properties")).put("httpStatusCode", 409);
        assertThat(event(r).outcome()).isEqualTo(Outcome.failure("409", ""));
    }

    @Test
    void theSameRecordGetsTheSameIdWhateverItsFieldCasing() {
        ObjectNode r = op("KeyDecrypt");
        ObjectNode upper = r.deepCopy();
        for (String name : List.of("time", "resourceId", "operationName", "correlationId", "resultSignature")) {
            upper.set(Character.toUpperCase(name.charAt(0)) + name.substring(1), upper.remove(name));
        }
        upper.put("ResourceId", r.get("resourceId").asString().toLowerCase(Locale.ROOT));

        assertThat(event(r).eventId()).isEqualTo(event(r.deepCopy()).eventId()).isEqualTo(event(upper).eventId())
                .hasSize(64);
        ObjectNode later = r.deepCopy().put("time", "2025-05-01T10:00:00.0000001Z");
        assertThat(event(later).eventId()).isNotEqualTo(event(r).eventId());
    }

    @Test
    void anotherServicesAuditEventIsIgnored() {
        ObjectNode r = op("KeyCreate");
        r.put("resourceId", "/SUBSCRIPTIONS/" + SUBSCRIPTION + "/RESOURCEGROUPS/RG/PROVIDERS/MICROSOFT.DATALAKESTORE/ACCOUNTS/LAKE");
        assertThat(TestRecords.decodeRecord(r)).singleElement().isInstanceOf(DecodedRecord.Ignored.class);
    }

    @Test
    void anUnknownOperationNamingNoKeyIsIgnoredWithItsName() {
        ObjectNode r = record(OPERATIONS, 48);
        List<DecodedRecord> d = TestRecords.decodeRecord(r);
        assertThat(d).singleElement().isInstanceOfSatisfying(DecodedRecord.Ignored.class,
                i -> assertThat(i.reason()).startsWith("BackupCreate: names no key"));
    }

    @Test
    void aKeyOperationThatNamesNoKeyIsMalformedNamingTheField() {
        ObjectNode r = op("KeyCreate");
        ((ObjectNode) r.get("properties")).remove(List.of("id", "requestUri"));
        assertThat(TestRecords.decodeRecord(r)).singleElement().isInstanceOfSatisfying(DecodedRecord.Malformed.class,
                m -> assertThat(m.field()).isEqualTo("properties.id"));
    }

    @Test
    void aFailedCallNamingNoKeyIsIgnoredNotMalformed() {
        ObjectNode r = op("KeyRestore");
        ((ObjectNode) r.get("properties")).remove("id");
        ((ObjectNode) r.get("properties")).put("httpStatusCode", 403);
        r.put("resultSignature", "Forbidden");
        assertThat(TestRecords.decodeRecord(r)).singleElement().isInstanceOfSatisfying(DecodedRecord.Ignored.class,
                i -> assertThat(i.reason()).contains("failed: Forbidden"));
    }

    @Test
    void readsAreIgnoredWithAReason() {
        assertThat(TestRecords.decodeRecord(op("KeyGet"))).singleElement()
                .isInstanceOfSatisfying(DecodedRecord.Ignored.class, i -> assertThat(i.reason()).startsWith("KeyGet: a read"));
        assertThat(TestRecords.decodeRecord(op("SecretGet"))).singleElement()
                .isInstanceOfSatisfying(DecodedRecord.Ignored.class, i -> assertThat(i.reason()).contains("not a key"));
    }

    @Test
    void aLogAnalyticsExportWithItsColumnsAtTheTopIsRead() {
        ObjectNode r = op("KeyCreate");
        ObjectNode row = r.objectNode();
        row.put("TimeGenerated", r.get("time").asString())
                .put("_ResourceId", r.get("resourceId").asString().toLowerCase(Locale.ROOT))
                .put("OperationName", "KeyCreate").put("ResultType", "Success").put("ResultSignature", "OK")
                .put("CallerIpAddress", "203.0.113.44").put("CorrelationId", r.get("correlationId").asString())
                .put("Id", r.get("properties").get("id").asString())
                .put("RequestUri", r.get("properties").get("requestUri").asString())
                .put("ClientInfo", "AzurePowerShell/Az.KeyVault 5.2.2").put("HttpStatusCode", 200)
                .set("Identity", r.get("identity"));
        row.set("KeyProperties", r.get("properties").get("keyProperties"));

        KeyEvent fromRow = event(row);
        KeyEvent fromLog = event(r);
        assertThat(fromRow.key()).isEqualTo(fromLog.key());
        assertThat(fromRow.eventId()).isEqualTo(fromLog.eventId());
        assertThat(fromRow.attributes()).containsEntry("algorithm", "RSA-3072");
        assertThat(fromRow.actor().userAgent()).contains("AzurePowerShell/Az.KeyVault 5.2.2");
    }

    @Test
    void aTimeWithAnOffsetOrWithoutAZoneIsRead() {
        ObjectNode r = op("KeyCreate").put("time", "2025-02-03T14:00:00+01:00");
        assertThat(event(r).eventTime()).isEqualTo(Instant.parse("2025-02-03T13:00:00Z"));
        r.put("time", "2025-02-03T13:00:00");
        assertThat(event(r).eventTime()).isEqualTo(Instant.parse("2025-02-03T13:00:00Z"));
        assertThat(Optional.of(event(r).key().location())).contains("contoso-kv");
    }
}
