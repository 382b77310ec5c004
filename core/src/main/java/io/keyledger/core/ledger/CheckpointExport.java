package io.keyledger.core.ledger;

import io.keyledger.core.json.Json;
import io.keyledger.core.signing.SigningPublicKey;
import io.keyledger.core.store.CheckpointStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed checkpoints of tenants' ledgers as one JSON document, like CloudTrail's digest files: each
 * checkpoint with the exact text its signature covers ({@code signedText}) and the signature itself
 * (base64 of DER), so that stock {@code openssl dgst -sha256 -verify} checks each one with the public key
 * (docs/LEDGER.md gives the commands). The public key is included for reference only: an auditor verifies
 * with a copy obtained separately.
 */
public final class CheckpointExport {

    public static final String FORMAT = "keyledger-checkpoints-v1";

    private CheckpointExport() {
    }

    /**
     * Every checkpoint of {@code tenant} the store keeps and the anchors hold, each once, in sequence order.
     *
     * @throws CheckpointAnchor.AnchorException when an anchor cannot be read
     */
    public static List<Checkpoint> gather(String tenant, CheckpointStore store, List<CheckpointAnchor> anchors) {
        Map<String, Checkpoint> all = new LinkedHashMap<>();
        for (Checkpoint c : CheckpointHistory.read(store, tenant)) {
            all.putIfAbsent(c.sequence() + " " + c.signature(), c);
        }
        for (CheckpointAnchor anchor : anchors) {
            for (Checkpoint c : anchor.all(tenant)) {
                all.putIfAbsent(c.sequence() + " " + c.signature(), c);
            }
        }
        List<Checkpoint> out = new ArrayList<>(all.values());
        out.sort(Comparator.comparing(Checkpoint::tenant).thenComparingLong(Checkpoint::sequence)
                .thenComparing(Checkpoint::signedAt));
        return out;
    }

    /** Writes the document: {@code format}, {@code exportedAt}, {@code publicKey} and {@code checkpoints}. */
    public static void write(List<Checkpoint> checkpoints, Optional<SigningPublicKey> key, Instant exportedAt,
                             OutputStream out) throws IOException {
        Objects.requireNonNull(checkpoints, "checkpoints");
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("exportedAt", exportedAt.toString());
        key.ifPresent(k -> {
            Map<String, Object> pub = new LinkedHashMap<>();
            pub.put("keyId", k.keyId());
            pub.put("algorithm", k.algorithm().name());
            pub.put("pem", k.pem());
            pub.put("jwk", k.jwk());
            doc.put("publicKey", pub);
        });
        List<Map<String, Object>> list = new ArrayList<>();
        for (Checkpoint c : checkpoints) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("tenant", c.tenant());
            entry.put("sequence", c.sequence());
            entry.put("ledgerHash", c.ledgerHash());
            entry.put("signedAt", c.signedAt().toString());
            entry.put("keyId", c.keyId());
            entry.put("algorithm", "ECDSA_P256_SHA256");
            entry.put("signedText", c.signedText());
            entry.put("signature", c.signature());
            list.add(entry);
        }
        doc.put("checkpoints", list);
        out.write(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc));
        out.write('\n');
        out.flush();
    }
}
