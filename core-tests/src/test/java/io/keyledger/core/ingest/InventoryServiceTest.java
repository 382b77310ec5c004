package io.keyledger.core.ingest;

import static io.keyledger.testkit.Fixtures.T0;
import static io.keyledger.testkit.Fixtures.awsKey;
import static io.keyledger.testkit.Fixtures.event;
import static io.keyledger.testkit.Fixtures.failed;
import static io.keyledger.testkit.Fixtures.gcpKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.event.Action;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyKind;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.LifecycleState;
import io.keyledger.core.key.UsageContext;
import io.keyledger.core.ledger.LedgerBreak;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerification;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.store.LedgerStore;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.store.StoreParts;
import io.keyledger.core.store.StoredEvent;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.WatchedLedger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InventoryServiceTest {

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    private final InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
    private final List<String> seen = new ArrayList<>();
    private static final CoreSettings SETTINGS = CoreSettings.DEFAULTS
            .withTenants(new TenantMapping(Map.of("aws:111122223333", "acme"), "default"))
            .withoutAnomalyDetection();

    private final InventoryService service = CoreServices.of(store, clock, SETTINGS
            .withIngestListener(new IngestListener() {
                @Override
                public void applied(String tenant, KeyEvent event, boolean stateChanged) {
                    seen.add("applied " + event.eventId());
                }

                @Override
                public void duplicate(String tenant, KeyEvent event) {
                    seen.add("duplicate " + event.eventId());
                }
            })).inventory();

    private final KeyRef key = awsKey("1234abcd-12ab-34cd-56ef-1234567890ab");

    /** The whole verification: chain, key records and events against the ledger. */
    private LedgerVerification verify() {
        return CoreServices.of(store, clock, SETTINGS).verifier().verify("acme");
    }

    private CryptoAsset asset() {
        return service.asset("acme", key.id()).orElseThrow();
    }

    private List<LedgerRecord> ledger() {
        return store.ledger("acme", 1, Optional.empty(), true, PageRequest.first(1000)).items();
    }

    @Test
    void tagsAliasesAndGranteesChangeOnlyWhereAnEventSays() {
        service.apply(List.of(
                event("e1", T0, Action.CREATE, key, Map.of("tag.Owner", "payments", "tag.Env", "prod",
                        "alias.add", "alias/a,alias/b", "access.grantees", "role/app,role/ops")),
                event("e2", T0.plusSeconds(1), Action.ANNOTATE, key, Map.of("untag", "Env",
                        "alias.remove", "alias/a", "access.grantees.add", "role/audit"))));

        assertThat(asset().tags()).containsExactly(Map.entry("Owner", "payments"));
        assertThat(asset().aliases()).containsExactly("alias/b");
        assertThat(asset().access().grantees()).containsExactly("role/app", "role/audit", "role/ops");

        service.apply(List.of(event("e3", T0.plusSeconds(2), Action.DISABLE, key, Map.of("nativeState", "Disabled"))));

        assertThat(asset().tags()).containsExactly(Map.entry("Owner", "payments"));
        assertThat(asset().aliases()).containsExactly("alias/b");
        assertThat(asset().access().grantees()).containsExactly("role/app", "role/audit", "role/ops");
    }

    @Test
    void createdKeyCarriesItsAttributesAndIsActive() {
        service.apply(List.of(event("e1", T0, Action.CREATE, key, Map.of("algorithm", "AES-256",
                "kind", "SYMMETRIC", "nativeSpec", "SYMMETRIC_DEFAULT", "nativeState", "Enabled",
                "tag.Owner", "payments", "owner", "payments-team", "alias.add", "alias/payments"))));

        CryptoAsset a = asset();
        assertThat(a.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(a.nativeState()).isEqualTo("Enabled");
        assertThat(a.algorithm()).isEqualTo("AES-256");
        assertThat(a.kind()).isEqualTo(KeyKind.SYMMETRIC);
        assertThat(a.tags()).containsEntry("Owner", "payments");
        assertThat(a.aliases()).containsExactly("alias/payments");
        assertThat(a.owner()).contains("payments-team");
        assertThat(a.dates().createdAt()).contains(T0);
        assertThat(a.dates().activatedAt()).contains(T0);
        assertThat(a.tenant()).isEqualTo("acme");
    }

    @Test
    void lifecycleFollowsTheProviderThroughScheduledDeletionCancelAndDestruction() {
        Instant deletion = T0.plus(Duration.ofDays(30));
        service.apply(List.of(
                event("e1", T0, Action.CREATE, key),
                event("e2", T0.plusSeconds(10), Action.DISABLE, key, Map.of("nativeState", "Disabled")),
                event("e3", T0.plusSeconds(20), Action.SCHEDULE_DESTRUCTION, key,
                        Map.of("nativeState", "PendingDeletion", "destructionScheduledAt", deletion.toString()))));
        assertThat(asset().state()).isEqualTo(LifecycleState.DEACTIVATED);
        assertThat(asset().dates().destructionScheduledAt()).contains(deletion);

        service.apply(List.of(event("e4", T0.plusSeconds(30), Action.CANCEL_DESTRUCTION, key,
                Map.of("nativeState", "Disabled"))));
        assertThat(asset().state()).isEqualTo(LifecycleState.SUSPENDED);
        assertThat(asset().dates().destructionScheduledAt()).isEmpty();

        service.apply(List.of(event("e5", T0.plusSeconds(40), Action.DESTROY, key)));
        CryptoAsset destroyed = asset();
        assertThat(destroyed.state()).isEqualTo(LifecycleState.DESTROYED);
        assertThat(destroyed.dates().destroyedAt()).contains(T0.plusSeconds(40));
        assertThat(destroyed.retainedUntil()).contains(Instant.parse("2033-01-15T09:00:40Z"));
    }

    @Test
    void anObservedKeyKeepsItsScheduledDestructionDate() {
        // Regression: the date was taken only from SCHEDULE_DESTRUCTION events, so a sweep that found
        // a key pending deletion saw it drift again on every later sweep.
        Instant deletion = T0.plus(Duration.ofDays(7));
        service.apply(List.of(event("s1", T0, Action.OBSERVE, key, Map.of("state", "DEACTIVATED",
                "destructionScheduledAt", deletion.toString()))));

        assertThat(asset().dates().destructionScheduledAt()).contains(deletion);
    }

    @Test
    void aRedeliveredEventChangesNothingAndIsNotLedgeredAgain() {
        KeyEvent create = event("e1", T0, Action.CREATE, key);
        service.apply(List.of(create));
        int ledgerSize = ledger().size();

        BatchResult again = service.apply(List.of(create));

        assertThat(again.duplicates()).isEqualTo(1);
        assertThat(again.applied()).isZero();
        assertThat(ledger()).hasSize(ledgerSize);
        assertThat(seen).containsExactly("applied e1", "duplicate e1");
    }

    @Test
    void aRedeliveryHealsARecordWhoseWriterDiedAfterStoringTheEvent() {
        service.apply(List.of(event("e1", T0, Action.CREATE, key)));
        KeyEvent disable = event("e2", T0.plusSeconds(5), Action.DISABLE, key);
        // The writer stored the event (as a store gives it back: read from its JSON), then died before
        // ledgering it and updating the key's record.
        StoredEvent storedCopy = new StoredEvent("acme", Json.read(Json.write(disable), KeyEvent.class), clock.instant(),
                Optional.empty());
        store.insertEvent(storedCopy.withExpiresAt(CoreServices.of(store, clock, SETTINGS).retention().rules("acme")
                .forEvent(storedCopy)));
        assertThat(asset().state()).isEqualTo(LifecycleState.ACTIVE);

        BatchResult redelivered = service.apply(List.of(disable));

        assertThat(redelivered.duplicates()).isEqualTo(1);
        assertThat(asset().state()).isEqualTo(LifecycleState.SUSPENDED);
        assertThat(ledger()).filteredOn(r -> r.type() == LedgerEntryType.EVENT_ACCEPTED)
                .anySatisfy(r -> assertThat(r.payload()).contains("\"eventId\":\"e2\""));
        assertThat(verify().intact()).as(verify().breaks().toString()).isTrue();
    }

    /** Only the stored copy of the change redelivered is ledgered: one that says something else is left to verify. */
    @Test
    void aRedeliveryNeverLedgersAStoredCopyThatSaysSomethingElse() {
        service.apply(List.of(event("e1", T0, Action.CREATE, key)));
        KeyEvent disable = event("e2", T0.plusSeconds(5), Action.DISABLE, key, Map.of("nativeState", "Disabled"));
        KeyEvent planted = event("e2", T0.plusSeconds(5), Action.DISABLE, key, Map.of("nativeState", "PendingDeletion"));
        store.insertEvent(new io.keyledger.core.store.StoredEvent("acme", planted, clock.instant(), Optional.empty()));

        service.apply(List.of(disable));

        assertThat(ledger()).filteredOn(r -> r.type() == LedgerEntryType.EVENT_ACCEPTED)
                .noneSatisfy(r -> assertThat(r.payload()).contains("\"eventId\":\"e2\""));
        assertThat(verify().breaks()).extracting(LedgerBreak::kind).contains(LedgerBreak.Kind.EVENT);
    }

    /**
     * Found by store-fault injection: the writer wrote the key's record, then its ledger append timed out; the
     * redelivery found the record up to date and ledgered nothing, so the record stayed unattested for good.
     */
    @Test
    void aRedeliveryAttestsARecordWhoseWriterDiedBeforeLedgeringItsChange() {
        service.apply(List.of(event("e1", T0, Action.CREATE, key)));
        AtomicBoolean timesOut = new AtomicBoolean(true);
        LedgerStore dying = new WatchedLedger(store, record -> {
            if (record.type() == LedgerEntryType.ASSET_CHANGED && timesOut.getAndSet(false)) {
                throw new IllegalStateException("the ledger append timed out");
            }
        });
        InventoryService writer = CoreServices.of(StoreParts.of(store).withLedger(dying).compose(), clock, SETTINGS)
                .inventory();
        KeyEvent disable = event("e2", T0.plusSeconds(5), Action.DISABLE, key);
        assertThatThrownBy(() -> writer.apply(List.of(disable))).hasMessageContaining("timed out");
        assertThat(verify().breaks()).extracting(LedgerBreak::kind)
                .containsExactly(LedgerBreak.Kind.KEY_RECORD);

        BatchResult redelivered = service.apply(List.of(disable));

        assertThat(redelivered.duplicates()).isEqualTo(1);
        assertThat(ledger()).extracting(LedgerRecord::type).endsWith(LedgerEntryType.ASSET_ATTESTED);
        assertThat(verify().intact()).isTrue();
    }

    /**
     * The heal above never vouches for a record edited in the store: a redelivery folds the key's events again,
     * puts back the record they make, and ledgers that change.
     */
    @Test
    void aRedeliveryPutsBackARecordEditedInTheStoreAndLedgersIt() {
        KeyEvent create = event("e1", T0, Action.CREATE, key);
        service.apply(List.of(create));
        CryptoAsset original = asset();
        long revision = store.asset("acme", key.id()).orElseThrow().revision();
        store.putAsset("acme", original.toBuilder().owner(Optional.of("mallory")).build(), revision);
        assertThat(verify().breaks()).extracting(LedgerBreak::kind)
                .containsExactly(LedgerBreak.Kind.KEY_RECORD);

        service.apply(List.of(create));

        assertThat(asset().owner()).isEqualTo(original.owner());
        assertThat(ledger()).extracting(LedgerRecord::type).endsWith(LedgerEntryType.ASSET_CHANGED)
                .doesNotContain(LedgerEntryType.ASSET_ATTESTED);
        assertThat(verify().intact()).isTrue();
    }

    @Test
    void aFailedCallIsRecordedButChangesNoState() {
        service.apply(List.of(event("e1", T0, Action.CREATE, key),
                failed("e2", T0.plusSeconds(5), Action.SCHEDULE_DESTRUCTION, key)));

        assertThat(asset().state()).isEqualTo(LifecycleState.ACTIVE);
        List<HistoryEntry> history = service.history("acme", key.id());
        assertThat(history).hasSize(2);
        assertThat(history.get(1).stored().event().succeeded()).isFalse();
        assertThat(history.get(1).before()).contains(LifecycleState.ACTIVE);
        assertThat(history.get(1).after()).contains(LifecycleState.ACTIVE);
        assertThat(ledger()).filteredOn(r -> r.type() == LedgerEntryType.EVENT_ACCEPTED).hasSize(2);
    }

    @Test
    void onlyFailedCallsMakeNoInventoryRecord() {
        service.apply(List.of(failed("e1", T0, Action.CREATE, key)));

        assertThat(service.asset("acme", key.id())).isEmpty();
        assertThat(service.history("acme", key.id())).hasSize(1);
    }

    @Test
    void aLateEventLandsAtItsEventTime() {
        service.apply(List.of(event("e2", T0.plusSeconds(60), Action.DISABLE, key, Map.of("nativeState", "Disabled"))));
        service.apply(List.of(event("e1", T0, Action.CREATE, key, Map.of("algorithm", "AES-256",
                "nativeState", "Enabled"))));

        assertThat(asset().state()).isEqualTo(LifecycleState.SUSPENDED);
        assertThat(asset().nativeState()).isEqualTo("Disabled");
        assertThat(asset().algorithm()).isEqualTo("AES-256");
        assertThat(service.history("acme", key.id())).extracting(h -> h.stored().event().eventId())
                .containsExactly("e1", "e2");
    }

    @Test
    void aCompromisedKeyThatIsDestroyedIsDestroyedCompromised() {
        service.apply(List.of(event("e1", T0, Action.CREATE, key),
                event("e2", T0.plusSeconds(1), Action.DECLARE_COMPROMISE, key),
                event("e3", T0.plusSeconds(2), Action.ENABLE, key, Map.of("nativeState", "Enabled"))));
        assertThat(asset().state()).isEqualTo(LifecycleState.COMPROMISED);
        assertThat(asset().nativeState()).isEqualTo("Enabled");

        service.apply(List.of(event("e4", T0.plusSeconds(3), Action.DESTROY, key)));

        assertThat(asset().state()).isEqualTo(LifecycleState.DESTROYED_COMPROMISED);
    }

    @Test
    void leavingDestructionIsAcceptedButFlagged() {
        service.apply(List.of(event("e1", T0, Action.CREATE, key), event("e2", T0.plusSeconds(1), Action.DESTROY, key),
                event("e3", T0.plusSeconds(2), Action.ENABLE, key)));

        List<HistoryEntry> history = service.history("acme", key.id());
        assertThat(history.get(2).flag()).hasValueSatisfying(f -> assertThat(f).contains("DESTROYED -> ACTIVE"));
        assertThat(history.get(0).flag()).isEmpty();
        assertThat(history.get(1).flag()).isEmpty();
    }

    @Test
    void aGoogleKeyStaysActiveWhileAnyVersionIsEnabled() {
        KeyRef g = gcpKey("proj", "payments");
        service.apply(List.of(
                new KeyEvent("g1", T0, Action.CREATE, g, Optional.of("1"), event("x", T0, Action.CREATE, g).actor(),
                        io.keyledger.core.event.Outcome.SUCCESS, Map.of("nativeState", "ENABLED"),
                        new io.keyledger.core.event.SourcePointer("test", "g1", "CreateCryptoKey")),
                new KeyEvent("g2", T0.plusSeconds(5), Action.ROTATE, g, Optional.of("2"), event("x", T0, Action.CREATE, g).actor(),
                        io.keyledger.core.event.Outcome.SUCCESS, Map.of("nativeState", "ENABLED"),
                        new io.keyledger.core.event.SourcePointer("test", "g2", "CreateCryptoKeyVersion")),
                new KeyEvent("g3", T0.plusSeconds(10), Action.SCHEDULE_DESTRUCTION, g, Optional.of("1"),
                        event("x", T0, Action.CREATE, g).actor(), io.keyledger.core.event.Outcome.SUCCESS,
                        Map.of("nativeState", "DESTROY_SCHEDULED"),
                        new io.keyledger.core.event.SourcePointer("test", "g3", "DestroyCryptoKeyVersion"))));

        CryptoAsset a = service.asset("default", g.id()).orElseThrow();
        assertThat(a.state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(a.versions()).extracting(v -> v.versionId() + "=" + v.state())
                .containsExactly("1=DEACTIVATED", "2=ACTIVE");
        assertThat(a.dates().lastRotatedAt()).contains(T0.plusSeconds(5));
    }

    @Test
    void eventsOfUnmappedAccountsGoToTheDefaultTenant() {
        KeyRef other = awsKey("999999999999", "k");
        service.apply(List.of(event("e1", T0, Action.CREATE, key), event("e2", T0, Action.CREATE, other)));

        assertThat(service.asset("acme", key.id())).isPresent();
        assertThat(service.asset("default", other.id())).isPresent();
        assertThat(service.asset("acme", other.id())).isEmpty();
    }

    @Test
    void everyAcceptedEventAndEveryChangeIsLedgeredAndTheLedgerVerifies() {
        service.apply(List.of(event("e1", T0, Action.CREATE, key), event("e2", T0.plusSeconds(1), Action.DISABLE, key)));

        assertThat(ledger()).extracting(LedgerRecord::type).containsExactly(LedgerEntryType.EVENT_ACCEPTED,
                LedgerEntryType.ASSET_CHANGED, LedgerEntryType.EVENT_ACCEPTED, LedgerEntryType.ASSET_CHANGED);
        assertThat(ledger().get(3).payload()).contains("\"stateBefore\":\"ACTIVE\"", "\"stateAfter\":\"SUSPENDED\"");
        assertThat(new LedgerVerifier(store).verify("acme").intact()).isTrue();
    }

    @Test
    void usageIsAggregatedOnTheKeyAndKeptOutOfTheHistory() {
        service.apply(List.of(event("e1", T0, Action.CREATE, key),
                event("u1", T0.plusSeconds(5), Action.USE, key, Map.of("usage.service", "s3.amazonaws.com")),
                event("u2", T0.plusSeconds(9), Action.USE, key, Map.of("usage.aiService", "bedrock.amazonaws.com"))));

        CryptoAsset a = store.asset("acme", key.id()).orElseThrow().value();
        assertThat(a.usageContext().services()).containsExactly("bedrock.amazonaws.com", "s3.amazonaws.com");
        assertThat(a.usageContext().aiUsage()).isTrue();
        // The record keeps the last use to the dormancy period (30 days from the epoch by default); the rollup, to
        // the hour and with its principal; the key as readers see it, both.
        assertThat(a.usageContext().lastUsedAt()).contains(Instant.parse("2026-01-07T00:00:00Z"));
        assertThat(a.usageContext().lastUsedBy()).isEmpty();
        UsageContext rollup = store.usage("acme", key.id()).orElseThrow();
        assertThat(rollup.lastUsedAt()).contains(T0.truncatedTo(java.time.temporal.ChronoUnit.HOURS));
        assertThat(rollup.lastUsedBy()).contains("arn:aws:iam::111122223333:user/alice");
        assertThat(asset().usageContext().lastUsedAt()).isEqualTo(rollup.lastUsedAt());
        assertThat(asset().usageContext().lastUsedBy()).contains("arn:aws:iam::111122223333:user/alice");
        assertThat(service.history("acme", key.id())).hasSize(1);
        assertThat(store.eventsForKey("acme", key.id())).hasSize(1);
        assertThat(ledger()).filteredOn(r -> r.type() == LedgerEntryType.EVENT_ACCEPTED).hasSize(1);
    }

    @Test
    void aKeySeenFirstInAUseIsListedUntilItsCreationDescribesIt() {
        service.apply(List.of(event("u1", T0.plusSeconds(5), Action.USE, key, Map.of("usage.service", "rds.amazonaws.com"))));
        CryptoAsset seen = asset();
        assertThat(seen.state()).isEqualTo(LifecycleState.UNKNOWN);
        assertThat(seen.partiallyObserved()).isTrue();
        assertThat(seen.provenance().unknownAttributes()).contains("state", "kind", "algorithm");
        assertThat(seen.provenance().firstSeenAt()).isEqualTo(T0.truncatedTo(java.time.temporal.ChronoUnit.HOURS));

        service.apply(List.of(event("e1", T0, Action.CREATE, key)));

        assertThat(asset().usageContext().services()).containsExactly("rds.amazonaws.com");
        assertThat(asset().state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(asset().partiallyObserved()).isFalse();
    }

    @Test
    void aFailedUseIsKeptInTheHistory() {
        service.apply(List.of(event("e1", T0, Action.CREATE, key), failed("u1", T0.plusSeconds(5), Action.USE, key)));

        assertThat(service.history("acme", key.id())).extracting(h -> h.stored().event().eventId())
                .containsExactly("e1", "u1");
        assertThat(asset().usageContext().lastUsedAt()).isEmpty();
    }

    @Test
    void keysOfADisconnectedCustomKeyStoreAreUnavailableUntilItReconnects() {
        KeyRef other = awsKey("not-in-the-store");
        service.apply(List.of(
                event("e1", T0, Action.CREATE, key, Map.of("customKeyStore", "cks-1234567890abcdef0", "nativeState", "Enabled")),
                event("e2", T0, Action.CREATE, other, Map.of("nativeState", "Enabled")),
                event("e3", T0.plusSeconds(1), Action.DISABLE, other, Map.of("nativeState", "Disabled"))));
        var actor = event("x", T0, Action.CREATE, key).actor();
        var disconnect = new io.keyledger.core.decode.DecodedRecord.KeyStoreChange(
                new io.keyledger.core.decode.RecordLocation("trail.json", 1, ""), "ks-1", T0.plusSeconds(60),
                io.keyledger.core.key.Provider.AWS, "111122223333", "us-east-1", "cks-1234567890abcdef0", false, actor,
                "DisconnectCustomKeyStore");

        BatchResult result = service.applyKeyStoreChange(disconnect);
        service.applyKeyStoreChange(disconnect);

        assertThat(result.applied()).isEqualTo(1);
        assertThat(asset().state()).isEqualTo(LifecycleState.SUSPENDED);
        assertThat(asset().nativeState()).isEqualTo("Unavailable");
        assertThat(service.asset("acme", other.id()).orElseThrow().nativeState()).isEqualTo("Disabled");

        service.applyKeyStoreChange(new io.keyledger.core.decode.DecodedRecord.KeyStoreChange(disconnect.at(), "ks-2",
                T0.plusSeconds(120), disconnect.provider(), disconnect.account(), disconnect.location(),
                disconnect.keyStoreId(), true, actor, "ConnectCustomKeyStore"));

        assertThat(asset().state()).isEqualTo(LifecycleState.ACTIVE);
        assertThat(asset().nativeState()).isEqualTo("Enabled");
        assertThat(service.history("acme", key.id())).hasSize(3);
    }

    @Test
    void aBadEventIsRejectedAloneAndTheRestOfTheBatchGoesThrough() {
        String badAccount = "999999999999";
        InventoryService strict = CoreServices.of(store, clock, CoreSettings.DEFAULTS
                .withTenants((provider, account) -> account.equals(badAccount) ? "no such/tenant" : "acme")
                .withoutAnomalyDetection()).inventory();

        BatchResult result = strict.apply(List.of(event("e1", T0, Action.CREATE, awsKey(badAccount, "bad")),
                event("e2", T0, Action.CREATE, key)));

        assertThat(result.applied()).isEqualTo(1);
        assertThat(result.rejected()).singleElement().satisfies(r -> {
            assertThat(r.index()).isZero();
            assertThat(r.eventId()).isEqualTo("e1");
            assertThat(r.reason()).contains("invalid tenant id");
        });
        assertThat(service.asset("acme", key.id())).isPresent();
    }

    @Test
    void aKeyStoreChangeResolvesItsTenantOnceForEveryKeyItFansOutTo() {
        List<String> asked = new ArrayList<>();
        InventoryService counting = CoreServices.of(store, clock, CoreSettings.DEFAULTS.withoutAnomalyDetection()
                .withTenants((provider, account) -> {
                    asked.add(account);
                    return "acme";
                })).inventory();
        KeyRef second = awsKey("second-in-the-store");
        Map<String, String> inTheStore = Map.of("customKeyStore", "cks-1234567890abcdef0", "nativeState", "Enabled");
        counting.apply(List.of(event("e1", T0, Action.CREATE, key, inTheStore),
                event("e2", T0, Action.CREATE, second, inTheStore)));
        asked.clear();
        var disconnect = new io.keyledger.core.decode.DecodedRecord.KeyStoreChange(
                new io.keyledger.core.decode.RecordLocation("trail.json", 1, ""), "ks-1", T0.plusSeconds(60),
                io.keyledger.core.key.Provider.AWS, "111122223333", "us-east-1", "cks-1234567890abcdef0", false,
                event("x", T0, Action.CREATE, key).actor(), "DisconnectCustomKeyStore");

        BatchResult result = counting.applyKeyStoreChange(disconnect);

        assertThat(result.applied()).isEqualTo(2);
        assertThat(asked).containsExactly("111122223333");
    }

    @Test
    void eventsGivenWithTheirTenantGoThereWhateverTheirAccountMapsTo() {
        KeyRef unmapped = awsKey("999999999999", "k");

        BatchResult result = service.apply("acme", List.of(event("e1", T0, Action.CREATE, unmapped)));

        assertThat(result.applied()).isEqualTo(1);
        assertThat(service.asset("acme", unmapped.id())).isPresent();
        assertThat(service.asset("default", unmapped.id())).isEmpty();
        assertThat(seen).containsExactly("applied e1");
    }

    @Test
    void aTenantGivenWithTheEventsMustBeAValidTenantId() {
        assertThatThrownBy(() -> service.apply("no such/tenant", List.of(event("e1", T0, Action.CREATE, key))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid tenant id");
        assertThat(store.eventsForKey("acme", key.id())).isEmpty();
    }
}
