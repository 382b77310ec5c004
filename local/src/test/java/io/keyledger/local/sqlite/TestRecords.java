package io.keyledger.local.sqlite;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.Actor;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.event.SourcePointer;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyDates;
import io.keyledger.core.key.KeyKind;
import io.keyledger.core.key.KeyManager;
import io.keyledger.core.key.KeyOrigin;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.KeyUsage;
import io.keyledger.core.key.KeyVersion;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.Observation;
import io.keyledger.core.key.ProtectionLevel;
import io.keyledger.core.key.Provenance;
import io.keyledger.core.key.Provider;
import io.keyledger.core.key.Regulatory;
import io.keyledger.core.key.Responsibility;
import io.keyledger.core.key.ResponsibilityParty;
import io.keyledger.core.key.RotationPolicy;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.StoredEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Records to store in tests. */
final class TestRecords {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private TestRecords() {
    }

    static KeyRef ref(Provider provider, String name) {
        return new KeyRef(provider, "123456789012", "eu-west-1", name);
    }

    static KeyRef ref(String name) {
        return ref(Provider.AWS, name);
    }

    /** A minimal record of a key. */
    static CryptoAsset asset(String tenant, KeyRef ref) {
        return CryptoAsset.newKey(ref, tenant, T0, "e-0").build();
    }

    /** A record with every optional part filled in, and instants with nanoseconds. */
    static CryptoAsset fullAsset(String tenant, String name) {
        Instant created = Instant.parse("2025-12-31T23:59:59.123456789Z");
        return CryptoAsset.newKey(ref(Provider.GCP, name), tenant, created, "e-1")
                .kind(KeyKind.ASYMMETRIC)
                .algorithm("EC-P256")
                .nativeSpec(Optional.of("EC_SIGN_P256_SHA256"))
                .keyUsage(KeyUsage.SIGN_VERIFY)
                .protection(ProtectionLevel.HSM)
                .origin(KeyOrigin.IMPORTED)
                .manager(KeyManager.CUSTOMER)
                .state(LifecycleState.DESTROYED)
                .nativeState("DESTROYED")
                .dates(KeyDates.NONE.withCreatedAt(Optional.of(created))
                        .withActivatedAt(Optional.of(created.plusNanos(1)))
                        .withDestroyedAt(Optional.of(Instant.parse("2026-02-01T00:00:00.5Z")))
                        .withNextRotationAt(Optional.of(Instant.parse("2027-01-01T00:00:00Z"))))
                .rotation(new RotationPolicy(true, Optional.of(Duration.ofDays(90).plusNanos(7))))
                .versions(List.of(new KeyVersion("1", LifecycleState.DESTROYED, "DESTROYED", Optional.of(created)),
                        new KeyVersion("2", LifecycleState.ACTIVE, "ENABLED", Optional.empty())))
                .aliases(Set.of("zeta", "alpha"))
                .tags(Map.of("team", "payments", "env", "prod", "ünïcode", "✓"))
                .owner(Optional.of("alice@example.com"))
                .description(Optional.of("line one\nline \"two\""))
                .usageContext(new UsageContext(Set.of("bigquery", "vertex-ai"), Set.of("vertex-ai"),
                        Optional.of(created.plusSeconds(60)), Optional.of("service-1@gcp-sa-aiplatform.iam.gserviceaccount.com"),
                        Set.of(io.keyledger.core.key.AiUsageCategory.TRAINING_DATA)))
                .responsibility(new Responsibility(ResponsibilityParty.CUSTOMER, Optional.of("BYOK")))
                .regulatory(new Regulatory(Optional.of("secret"), Optional.of("EU"), Optional.of("R7"),
                        Optional.of("CHG-1")))
                .replicaOf(Optional.of("gcp:other"))
                .multiRegion(true)
                .keyStore(Optional.of("cks-1234567890abcdef0"))
                .provenance(new Provenance(created, created.plusMillis(5), "e-9", Optional.of(created.plusSeconds(1)),
                        Observation.PARTIAL, Optional.of("no permission to read the policy")))
                .retainedUntil(Optional.of(Instant.parse("2033-02-01T00:00:00.5Z")))
                .build();
    }

    static KeyEvent event(KeyRef ref, String eventId, Instant eventTime) {
        return new KeyEvent(eventId, eventTime, Action.DISABLE, ref, Optional.empty(), Actor.system("test"),
                Outcome.SUCCESS, Map.of(), new SourcePointer("file", "events.jsonl:1", "DisableKey"));
    }

    /** An event with every optional part filled in. */
    static KeyEvent fullEvent(KeyRef ref, String eventId, Instant eventTime) {
        return new KeyEvent(eventId, eventTime, Action.TAG, ref, Optional.of("3"),
                new Actor("arn:aws:iam::123456789012:role/admin", ActorType.ROLE, Optional.of("10.0.0.1"),
                        Optional.of("aws-cli/2"), Optional.of("cloudformation.amazonaws.com")),
                new Outcome.Failure("AccessDeniedException", "not allowed"),
                Map.of("tag.team", "payments", "owner", "bob", "state", "ACTIVE"),
                new SourcePointer("cloudtrail", "s3://bucket/log.json.gz", "TagResource"));
    }

    static StoredEvent stored(String tenant, KeyEvent event, Optional<Instant> expiresAt) {
        return new StoredEvent(tenant, event, T0.plusNanos(42), expiresAt);
    }

    /** The record that follows {@code head}. */
    static LedgerRecord ledgerRecord(String tenant, LedgerHead head, Instant recordedAt, Optional<String> keyId,
                                     Optional<Instant> expiresAt) {
        return LedgerRecord.chain(tenant, head.sequence() + 1, recordedAt,
                keyId.isPresent() ? LedgerEntryType.ASSET_CHANGED : LedgerEntryType.RETENTION_POLICY_SET, keyId,
                "{\"n\":" + head.sequence() + ",\"text\":\"é\\n\"}", head.hash(), expiresAt);
    }
}
