package io.keyledger.gcp.format;

import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.json.RecordFormatException;
import java.time.Instant;
import java.util.Optional;

/**
 * What a CryptoKeyVersion resource (in an audit log's response, a key's {@code primary}, or a listing)
 * says about the version. Nothing else of the resource is read: attestations and public keys stay out.
 *
 * @param name        the version's resource name, if it has one
 * @param nativeState the version's state as Google wrote it, known to {@link GoogleVersionState} or not
 */
public record VersionFacts(Optional<KmsResourceName> name, Optional<String> nativeState,
                           Optional<Instant> createTime, Optional<Instant> destroyTime, boolean imported) {

    /** Reads a CryptoKeyVersion object. */
    public static VersionFacts of(RecordFields version) {
        Optional<KmsResourceName> name = version.text("name").map(n -> KmsResourceName.parse(n)
                .filter(r -> r.version().isPresent())
                .orElseThrow(() -> new RecordFormatException(version.pathOf("name"),
                        "not a CryptoKeyVersion name: '" + n + "'")));
        Optional<String> state = version.text("state");
        boolean imported = version.text("importJob").isPresent() || version.text("importTime").isPresent();
        return new VersionFacts(name, state, version.instant("createTime"), version.instant("destroyTime"), imported);
    }

    public Optional<String> versionId() {
        return name.flatMap(KmsResourceName::version);
    }

    /** The state, if Google's state is one KeyLedger maps. */
    public Optional<GoogleVersionState> state() {
        return nativeState.flatMap(GoogleVersionState::parse);
    }
}
