package io.keyledger.core.ledger;

import io.keyledger.core.json.Json;
import io.keyledger.core.retention.PurgeResult;
import io.keyledger.core.retention.PurgedRun;
import io.keyledger.core.signing.Signer;
import io.keyledger.core.signing.SigningPublicKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * Payload of a {@link LedgerEntryType#RETENTION_PURGED} record: which ledger runs a purge removed (archived
 * segments deleted at the end of their retention included) and how many events and key records went with
 * them, signed with the ledger's signing key. Writers of the store cannot sign, so they cannot attest a
 * deletion of their own: the verifier accepts a gap in the chain only where a signed attestation bridges it.
 *
 * @param segments  the archived segments deleted, by their first sequence
 * @param keyId     the signing key's id, empty when the purge was made without one
 * @param signature base64 of the DER signature of {@link #signedText(String)}, empty likewise
 */
public record PurgeAttestation(List<PurgedRun> runs, int events, int ledgerRecords, int assets, List<Long> segments,
                               String keyId, String signature) {

    static final String FORMAT = "keyledger-purge-v1";

    public PurgeAttestation {
        runs = List.copyOf(runs);
        segments = segments == null ? List.of() : List.copyOf(segments);
        keyId = keyId == null ? "" : keyId;
        signature = signature == null ? "" : signature;
    }

    public PurgeAttestation(List<PurgedRun> runs, int events, int ledgerRecords, int assets) {
        this(runs, events, ledgerRecords, assets, List.of(), "", "");
    }

    public static PurgeAttestation of(PurgeResult result) {
        return new PurgeAttestation(result.ledgerRuns(), result.events(), result.ledgerRecords(), result.assets());
    }

    /** The same attestation with {@code segments} deleted, signed by {@code signer} for {@code tenant}. */
    public PurgeAttestation signed(String tenant, List<Long> deletedSegments, Signer signer) {
        PurgeAttestation named = new PurgeAttestation(runs, events, ledgerRecords, assets, deletedSegments,
                signer.keyId(), "");
        byte[] sig = signer.sign(named.signedText(tenant).getBytes(StandardCharsets.UTF_8));
        return new PurgeAttestation(runs, events, ledgerRecords, assets, deletedSegments, named.keyId,
                Base64.getEncoder().encodeToString(sig));
    }

    /**
     * What the signature covers, lines joined by a line feed: {@code keyledger-purge-v1}, tenant, events,
     * ledger records, key records, then {@code run <from> <to> <previousHash> <lastHash>} per run and
     * {@code segment <from>} per deleted segment, then the key id.
     */
    public String signedText(String tenant) {
        List<String> lines = new ArrayList<>(List.of(FORMAT, tenant, Integer.toString(events),
                Integer.toString(ledgerRecords), Integer.toString(assets)));
        for (PurgedRun r : runs) {
            lines.add("run " + r.from() + " " + r.to() + " " + r.previousHash() + " " + r.lastHash());
        }
        for (long s : segments) {
            lines.add("segment " + s);
        }
        lines.add(keyId);
        return String.join("\n", lines);
    }

    public boolean isSigned() {
        return !signature.isEmpty();
    }

    public boolean verifiesWith(String tenant, SigningPublicKey key) {
        if (!isSigned() || !key.keyId().equals(keyId)) {
            return false;
        }
        try {
            return key.verifies(signedText(tenant).getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public String toJson() {
        return Json.write(this);
    }

    public static PurgeAttestation fromJson(String payload) {
        return Objects.requireNonNull(Json.read(payload, PurgeAttestation.class), "payload");
    }
}
