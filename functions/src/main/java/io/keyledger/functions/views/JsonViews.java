package io.keyledger.functions.views;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.event.Outcome;
import io.keyledger.core.ingest.HistoryEntry;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.KeyVersion;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.ledger.LedgerVerification;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweptKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of keys, histories, ledger records, alerts, legal holds and sweep reports, shared by
 * the admin API (documented in its openapi.json) and the CLI's JSON output, so that scripts read both
 * alike. Absent values are null.
 */
public final class JsonViews {

    private JsonViews() {
    }

    public static Map<String, Object> key(CryptoAsset a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("tenant", a.tenant());
        m.put("provider", a.provider().code());
        m.put("accountScope", a.ref().accountScope());
        m.put("location", a.ref().location());
        m.put("nativeId", a.ref().nativeId());
        m.put("state", a.state().name());
        m.put("nativeState", orNull(a.nativeState()));
        m.put("kind", a.kind().name());
        m.put("algorithm", a.algorithm());
        m.put("nativeSpec", text(a.nativeSpec()));
        m.put("keyUsage", a.keyUsage().name());
        m.put("protection", a.protection().name());
        m.put("origin", a.origin().name());
        m.put("manager", a.manager().name());
        m.put("owner", text(a.owner()));
        m.put("ownerBasis", a.ownership().basis().name());
        m.put("ownerInferred", a.ownership().inferred());
        m.put("ownerTag", text(a.ownership().tag()));
        m.put("description", text(a.description()));
        m.put("aliases", List.copyOf(a.aliases()));
        m.put("tags", a.tags());
        m.put("versions", a.versions().stream().map(JsonViews::version).toList());
        m.put("createdAt", instant(a.dates().createdAt()));
        m.put("activatedAt", instant(a.dates().activatedAt()));
        m.put("destructionRequestedAt", instant(a.dates().destructionRequestedAt()));
        m.put("destructionScheduledAt", instant(a.dates().destructionScheduledAt()));
        m.put("destroyedAt", instant(a.dates().destroyedAt()));
        m.put("destructionDelay", a.destruction().delay().map(Duration::toString).orElse(null));
        m.put("recoveryLevel", text(a.destruction().recoveryLevel()));
        m.put("updatedAt", instant(a.dates().updatedAt()));
        m.put("expiresAt", instant(a.dates().expiresAt()));
        m.put("lastRotatedAt", instant(a.dates().lastRotatedAt()));
        m.put("nextRotationAt", instant(a.dates().nextRotationAt()));
        m.put("rotationEnabled", a.rotation().enabled());
        m.put("rotationPeriod", a.rotation().period().map(Duration::toString).orElse(null));
        m.put("usageServices", List.copyOf(a.usageContext().services()));
        m.put("aiServices", List.copyOf(a.usageContext().aiServices()));
        m.put("aiUsage", a.usageContext().aiUsage());
        m.put("aiCategories", a.usageContext().aiCategories().stream().map(Enum::name).toList());
        m.put("lastUsedAt", instant(a.usageContext().lastUsedAt()));
        m.put("lastUsedBy", text(a.usageContext().lastUsedBy()));
        m.put("lastOperation", text(a.usageContext().lastOperation()));
        m.put("firstUsedAt", instant(a.usageContext().firstUsedAt()));
        m.put("protects", List.copyOf(a.usageContext().protects().names()));
        m.put("protectedResources", a.usageContext().protects().count());
        m.put("protectedResourcesExact", a.usageContext().protects().exact());
        m.put("grantees", List.copyOf(a.access().grantees()));
        m.put("externalPrincipals", List.copyOf(a.access().externalPrincipals()));
        m.put("policyLockoutRisk", a.access().policyLockoutRisk().orElse(null));
        m.put("accessModel", text(a.access().model()));
        m.put("responsibilityParty", a.responsibility().party().name());
        m.put("responsibilityMode", text(a.responsibility().mode()));
        m.put("responsibilityBasis", a.responsibility().basis().name());
        m.put("responsibilityRule", text(a.responsibility().rule()));
        m.put("classification", text(a.regulatory().classification()));
        m.put("jurisdiction", text(a.regulatory().jurisdiction()));
        m.put("retentionClass", text(a.regulatory().retentionClass()));
        m.put("changeReference", text(a.regulatory().changeReference()));
        m.put("replicaOf", text(a.replicaOf()));
        m.put("multiRegion", a.multiRegion());
        m.put("keyStore", text(a.keyStore()));
        m.put("partiallyObserved", a.partiallyObserved());
        m.put("unknownAttributes", List.copyOf(a.provenance().unknownAttributes()));
        m.put("observationNote", text(a.provenance().observationNote()));
        m.put("createdBy", text(a.provenance().createdBy()));
        m.put("firstSeenAt", a.provenance().firstSeenAt().toString());
        m.put("lastEventAt", a.provenance().lastEventAt().toString());
        m.put("lastEventId", a.provenance().lastEventId());
        m.put("lastSweptAt", instant(a.provenance().lastSweptAt()));
        m.put("retainedUntil", instant(a.retainedUntil()));
        return m;
    }

    /** A key store or HSM, with the ids of the keys it holds when they were looked up. */
    public static Map<String, Object> keyStore(io.keyledger.core.keystore.KeyStoreRecord r, List<String> keys) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("tenant", r.tenant());
        m.put("provider", r.ref().provider().code());
        m.put("accountScope", r.ref().accountScope());
        m.put("location", r.ref().location());
        m.put("nativeId", r.ref().nativeId());
        m.put("kind", r.kindOrUnknown().name());
        m.put("name", text(r.nameValue()));
        m.put("state", text(r.stateValue()));
        m.put("backing", text(r.backingValue()));
        m.put("createdAt", instant(r.createdAt()));
        m.put("deletedAt", instant(r.deletedAt()));
        m.put("partiallyObserved", r.partiallyObserved());
        m.put("firstSeenAt", r.firstSeenAt().toString());
        m.put("lastChangeAt", r.lastAt().toString());
        m.put("lastSweptAt", instant(r.lastSweptAt()));
        m.put("keys", keys);
        return m;
    }

    private static Map<String, Object> version(KeyVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("versionId", v.versionId());
        m.put("state", v.state().name());
        m.put("nativeState", orNull(v.nativeState()));
        m.put("createdAt", instant(v.createdAt()));
        return m;
    }

    public static Map<String, Object> history(HistoryEntry h) {
        KeyEvent e = h.stored().event();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant", h.stored().tenant());
        m.put("keyId", h.stored().keyId());
        m.put("eventId", e.eventId());
        m.put("eventTime", e.eventTime().toString());
        m.put("action", e.action().name());
        m.put("versionId", text(e.versionId()));
        m.put("actor", e.actor().principal());
        m.put("actorType", e.actor().type().name());
        m.put("sourceIp", text(e.actor().sourceIp()));
        m.put("userAgent", text(e.actor().userAgent()));
        m.put("invokedBy", text(e.actor().invokedBy()));
        m.put("outcome", e.outcome().succeeded() ? "SUCCESS" : "FAILURE");
        m.put("errorCode", e.outcome() instanceof Outcome.Failure f ? f.errorCode() : null);
        m.put("errorMessage", e.outcome() instanceof Outcome.Failure f ? f.message() : null);
        m.put("stateBefore", h.before().map(Enum::name).orElse(null));
        m.put("stateAfter", h.after().map(Enum::name).orElse(null));
        m.put("nativeState", orNull(h.nativeStateAfter()));
        m.put("flag", text(h.flag()));
        m.put("attributes", e.attributes());
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("kind", e.source().kind());
        source.put("location", e.source().location());
        source.put("operation", e.source().operation());
        m.put("source", source);
        m.put("receivedAt", h.stored().receivedAt().toString());
        return m;
    }

    /** A ledger record with its payload as the exact text that was hashed, so that callers can check it. */
    public static Map<String, Object> ledger(LedgerRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sequence", r.sequence());
        m.put("recordedAt", r.recordedAt().toString());
        m.put("type", r.type().name());
        m.put("keyId", text(r.keyId()));
        m.put("payload", r.payload());
        m.put("previousHash", r.previousHash());
        m.put("hash", r.hash());
        m.put("expiresAt", instant(r.expiresAt()));
        return m;
    }

    public static Map<String, Object> verification(LedgerVerification v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant", v.tenant());
        m.put("intact", v.intact());
        m.put("recordsChecked", v.recordsChecked());
        m.put("purgedRecords", v.purgedRecords());
        Map<String, Object> head = new LinkedHashMap<>();
        head.put("sequence", v.head().sequence());
        head.put("hash", v.head().hash());
        m.put("head", head);
        m.put("firstBreak", v.firstBreak().map(JsonViews::ledgerBreak).orElse(null));
        m.put("breaks", v.breaks().stream().map(JsonViews::ledgerBreak).toList());
        m.put("keysChecked", v.keysChecked());
        m.put("eventsChecked", v.eventsChecked());
        m.put("archivedSegments", v.segments());
        Map<String, Object> checkpoints = new LinkedHashMap<>();
        checkpoints.put("state", v.checkpoints().state().name());
        checkpoints.put("newest", v.checkpoints().newest().map(c -> {
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("sequence", c.sequence());
            n.put("ledgerHash", c.ledgerHash());
            n.put("signedAt", c.signedAt().toString());
            n.put("keyId", c.keyId());
            return n;
        }).orElse(null));
        checkpoints.put("anchored", v.checkpoints().anchored());
        m.put("checkpoints", checkpoints);
        return m;
    }

    private static Map<String, Object> ledgerBreak(io.keyledger.core.ledger.LedgerBreak b) {
        Map<String, Object> brk = new LinkedHashMap<>();
        brk.put("sequence", b.sequence());
        brk.put("kind", b.kind().name());
        brk.put("detail", b.detail());
        return brk;
    }

    public static Map<String, Object> alert(Alert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("tenant", a.tenant());
        m.put("rule", a.rule().id());
        m.put("severity", a.severity().name());
        m.put("status", a.status().name());
        m.put("keyId", text(a.keyId()));
        m.put("eventIds", a.eventIds());
        m.put("message", a.message());
        m.put("dedupKey", a.dedupKey());
        m.put("raisedAt", a.raisedAt().toString());
        m.put("acknowledgedBy", text(a.acknowledgedBy()));
        m.put("acknowledgedAt", instant(a.acknowledgedAt()));
        return m;
    }

    public static Map<String, Object> legalHold(LegalHold h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant", h.tenant());
        m.put("scope", h.tenantWide() ? "tenant" : "key");
        m.put("keyId", text(h.keyId()));
        m.put("reason", h.reason());
        m.put("placedBy", h.placedBy());
        m.put("placedAt", h.placedAt().toString());
        return m;
    }

    /** One scope's sweep report; the per-key outcomes only when asked (they can be many). */
    public static Map<String, Object> sweep(SweepReport r, boolean withKeys) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sweepId", r.sweepId());
        m.put("tenant", r.tenant());
        m.put("scope", r.scope().id());
        m.put("startedAt", r.startedAt().toString());
        m.put("finishedAt", r.finishedAt().toString());
        m.put("durationMillis", r.duration().toMillis());
        m.put("partial", r.partial());
        m.put("partialReason", r.partialReason().orElse(null));
        Map<String, Long> counts = new LinkedHashMap<>();
        r.counts().forEach((c, n) -> counts.put(c.name().toLowerCase(Locale.ROOT), n));
        m.put("counts", counts);
        m.put("inventoryCoverage", r.inventoryCoverage());
        m.put("eventCoverage", r.eventCoverage());
        m.put("corrections", r.corrections());
        m.put("apiCalls", r.apiCalls());
        if (withKeys) {
            m.put("keys", r.keys().stream().map(JsonViews::sweptKey).toList());
        }
        return m;
    }

    private static Map<String, Object> sweptKey(SweptKey k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", k.keyId());
        m.put("class", k.keyClass().name());
        m.put("partiallyObserved", k.partiallyObserved());
        m.put("reasons", k.reasons());
        return m;
    }

    private static String text(Optional<String> value) {
        return value.orElse(null);
    }

    private static String instant(Optional<Instant> value) {
        return value.map(Instant::toString).orElse(null);
    }

    /** A native state the provider has not told (a destroyed key has none): null, not an empty string. */
    private static String orNull(String text) {
        return text.isEmpty() ? null : text;
    }
}
