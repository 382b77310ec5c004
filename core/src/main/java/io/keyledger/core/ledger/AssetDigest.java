package io.keyledger.core.ledger;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.keyledger.core.json.InstantText;
import io.keyledger.core.key.CryptoAsset;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The digest of a key's record that the ledger keeps with every change of it ({@code recordSha256} of an
 * {@code ASSET_CHANGED} or {@code ASSET_ATTESTED} record): SHA-256 of its canonical JSON, in which
 * properties and map entries are sorted, properties without a value (null, empty, absent) are left out,
 * and so is {@code retainedUntil}, which retention recomputes without a change of the key. Leaving out what
 * has no value keeps the digest of a stored record the same when a later version of KeyLedger adds a field.
 */
public final class AssetDigest {

    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .addMixIn(CryptoAsset.class, Unstamped.class)
            .addModule(InstantText.module())
            .changeDefaultPropertyInclusion(v -> JsonInclude.Value.construct(JsonInclude.Include.NON_EMPTY,
                    JsonInclude.Include.NON_EMPTY))
            .build();

    /** Leaves {@code retainedUntil} out without a copy of the record per digest. */
    @JsonIgnoreProperties("retainedUntil")
    private abstract static class Unstamped {
    }

    private AssetDigest() {
    }

    /** Lower-case hex SHA-256 of the record's canonical JSON. */
    public static String of(CryptoAsset asset) {
        try {
            return LedgerHash.sha256Hex(CANONICAL.writeValueAsString(asset));
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot write key record " + asset.id() + " as JSON", e);
        }
    }
}
