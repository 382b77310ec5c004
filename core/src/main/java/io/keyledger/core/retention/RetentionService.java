package io.keyledger.core.retention;

import io.keyledger.core.archive.Archiver;
import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.AssetAttestation;
import io.keyledger.core.ledger.CheckpointRequests;
import io.keyledger.core.ledger.LedgerBrokenException;
import io.keyledger.core.ledger.LedgerEntryType;
import io.keyledger.core.ledger.LedgerTrust;
import io.keyledger.core.ledger.LedgerVerification;
import io.keyledger.core.ledger.LedgerVerifier;
import io.keyledger.core.ledger.LedgerWriter;
import io.keyledger.core.ledger.PurgeAttestation;
import io.keyledger.core.signing.Signer;
import io.keyledger.core.store.InventoryStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Retention policies, legal holds and purges. Every change here is ledgered first, then made in the store.
 *
 * <p>A purge trusts nothing it did not sign: it verifies the tenant's ledger first (and does nothing if it
 * does not verify), takes the retention policy and the legal holds from the ledger rather than from the
 * store's settings, and has the store remove exactly what those rules let go, decided from each record's
 * own content, never from a stored expiry. A held record is never removed, whatever a column says. It then
 * attests what went, signed, and has the head checkpointed.
 */
public final class RetentionService {

    private final InventoryStore store;
    private final Clock clock;
    private final LedgerWriter ledger;
    private final LedgerVerifier verifier;
    private final Optional<Signer> signer;
    private final Optional<Archiver> archiver;
    private final CheckpointRequests checkpoints;

    /** Retention without signing or an archive tier: for tests and harnesses. */
    public RetentionService(InventoryStore store, Clock clock) {
        this(store, clock, new LedgerVerifier(store, store, clock, LedgerTrust.NONE), Optional.empty(),
                Optional.empty(), CheckpointRequests.NONE);
    }

    /**
     * Built once per entry point by {@code io.keyledger.core.assembly.CoreServices}.
     *
     * @param verifier    what a purge verifies the ledger with first
     * @param signer      what purge attestations are signed with, if this entry point holds the key
     * @param archiver    the archive tier, whose expired segments a purge deletes too
     * @param checkpoints how the ledger's appends get signed
     */
    public RetentionService(InventoryStore store, Clock clock, LedgerVerifier verifier, Optional<Signer> signer,
                            Optional<Archiver> archiver, CheckpointRequests checkpoints) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ledger = new LedgerWriter(store, clock);
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.signer = Objects.requireNonNull(signer, "signer");
        this.archiver = Objects.requireNonNull(archiver, "archiver");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
    }

    /** The rules records are stamped with now: the store's policy and holds. */
    public ExpiryRules rules(String tenant) {
        return new ExpiryRules(store.retentionPolicy(tenant), store.legalHolds(tenant));
    }

    public void setPolicy(String tenant, RetentionPolicy policy, String actor) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("policy", policy);
        payload.put("actor", actor);
        ExpiryRules after = new ExpiryRules(policy, store.legalHolds(tenant));
        ledger.append(tenant, LedgerEntryType.RETENTION_POLICY_SET, Optional.empty(), Json.write(payload), after);
        store.putRetentionPolicy(tenant, policy);
        store.restampExpiries(tenant, Optional.empty(), rules(tenant));
        checkpoints.request(Set.of(tenant));
    }

    /**
     * Places a hold: from now on nothing it covers expires. Any key id is accepted, listed in the inventory
     * or not: a key destroyed long ago, or one whose events have not arrived yet, is held all the same.
     */
    public LegalHold placeHold(String tenant, Optional<String> keyId, String reason, String actor) {
        LegalHold hold = new LegalHold(tenant, keyId, reason, actor, clock.instant());
        List<LegalHold> holds = new ArrayList<>(store.legalHolds(tenant));
        holds.removeIf(h -> h.keyId().equals(keyId));
        holds.add(hold);
        ledger.append(tenant, LedgerEntryType.LEGAL_HOLD_PLACED, keyId, Json.write(hold),
                new ExpiryRules(store.retentionPolicy(tenant), holds));
        store.putLegalHold(hold);
        store.restampExpiries(tenant, keyId, rules(tenant));
        checkpoints.request(Set.of(tenant));
        return hold;
    }

    /** Lifts a hold and gives the records it covered their expiry back from the policy. */
    public boolean liftHold(String tenant, Optional<String> keyId, String actor) {
        if (store.legalHolds(tenant).stream().noneMatch(h -> h.keyId().equals(keyId))) {
            return false;
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("tenant", tenant);
        payload.put("keyId", keyId.orElse(null));
        payload.put("liftedBy", actor);
        payload.put("liftedAt", clock.instant());
        ledger.append(tenant, LedgerEntryType.LEGAL_HOLD_LIFTED, keyId, Json.write(payload), rules(tenant));
        store.removeLegalHold(tenant, keyId);
        store.restampExpiries(tenant, keyId, rules(tenant));
        checkpoints.request(Set.of(tenant));
        return true;
    }

    /**
     * Removes what has expired under the ledgered rules, and attests in the ledger, signed, what went.
     *
     * @throws LedgerBrokenException when the tenant's ledger does not verify: nothing is removed then
     */
    public PurgeResult purgeExpired(String tenant) {
        LedgerVerification verification = verifier.verify(tenant);
        if (!verification.intact()) {
            throw new LedgerBrokenException("purge", verification);
        }
        ExpiryRules rules = new ExpiryRules(verification.retention().policy(), verification.retention().holds());
        Instant now = clock.instant();
        for (String keyId : verification.retention().attestationsDue()) {
            attestAgain(tenant, keyId, rules);
        }
        PurgeResult hot = store.purgeExpired(tenant, now, rules);
        Archiver.Purged archived = archiver.map(a -> a.purgeExpired(tenant, rules, now)).orElse(Archiver.Purged.NOTHING);
        List<PurgedRun> runs = new ArrayList<>(hot.ledgerRuns());
        runs.addAll(archived.runs());
        runs.sort(Comparator.comparingLong(PurgedRun::from));
        PurgeResult result = new PurgeResult(hot.events() + archived.events(), hot.ledgerRecords() + archived.records(),
                hot.assets(), runs);
        if (result.removedAnything()) {
            PurgeAttestation attestation = PurgeAttestation.of(result);
            if (signer.isPresent()) {
                attestation = attestation.signed(tenant, archived.segments(), signer.get());
            }
            ledger.append(tenant, LedgerEntryType.RETENTION_PURGED, Optional.empty(), attestation.toJson(), rules);
        }
        if (result.removedAnything() || !verification.retention().attestationsDue().isEmpty()) {
            checkpoints.request(Set.of(tenant));
        }
        return result;
    }

    /** Attests a key's record again, as it stands (verification just found it is the one last attested). */
    private void attestAgain(String tenant, String keyId, ExpiryRules rules) {
        store.asset(tenant, keyId).ifPresent(current -> ledger.append(tenant, LedgerEntryType.ASSET_ATTESTED,
                Optional.of(keyId), AssetAttestation.payload(current), rules));
    }
}
