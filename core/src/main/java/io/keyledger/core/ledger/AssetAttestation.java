package io.keyledger.core.ledger;

import io.keyledger.core.json.Json;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.store.Versioned;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * What an {@code ASSET_ATTESTED} record says of a key's record as it stands (revision, state, destruction
 * time, {@link AssetDigest}), and whether the last record attesting a key's record, changed or attested,
 * says it of the one in the store (the test {@code verify} applies).
 */
public final class AssetAttestation {

    private AssetAttestation() {
    }

    /** The payload of an {@code ASSET_ATTESTED} record of {@code current}. */
    public static String payload(Versioned<CryptoAsset> current) {
        CryptoAsset a = current.value();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("revision", current.revision());
        payload.put("stateAfter", a.state());
        payload.put("destroyedAt", a.dates().destroyedAt().orElse(null));
        payload.put("recordSha256", AssetDigest.of(a));
        return Json.write(payload);
    }

    /** Whether {@code record} ({@code ASSET_CHANGED} or {@code ASSET_ATTESTED}) attests exactly {@code current}. */
    public static boolean attests(LedgerRecord record, Versioned<CryptoAsset> current) {
        if (record.type() != LedgerEntryType.ASSET_CHANGED && record.type() != LedgerEntryType.ASSET_ATTESTED) {
            return false;
        }
        try {
            JsonNode p = Json.mapper().readTree(record.payload());
            if (p.path("revision").asLong(0) != current.revision()) {
                return false;
            }
            String digest = p.path("recordSha256").asString("");
            return digest.isEmpty()
                    ? p.path("assetSha256").asString("").equals(LedgerHash.sha256Hex(Json.write(current.value())))
                    : digest.equals(AssetDigest.of(current.value()));
        } catch (JacksonException e) {
            return false;
        }
    }
}
