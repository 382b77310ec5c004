package io.keyledger.gcp.format;

import java.time.Instant;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a CryptoKeyVersion resource (in an audit log's response, a key's {@code primary}, or a listing)
 * says about the version. Nothing else of the resource is read: attestations and public keys stay out.
 *
 * @param name        the version's resource name, if it has one
 * @param nativeState the version's state as Google wrote it, known to {@link GoogleVersionState} or not
 */
public record VersionFacts(Optional<KmsResourceName> name, Optional<String> nativeState,
                           Optional<Instant> createTime, Optional<Instant> destroyTime, boolean imported) {

    /** Reads a CryptoKeyVersion object; {@code field} is its path, for messages. */
    public static VersionFacts of(JsonNode version, String field) {
        String at = field.isEmpty() ? "" : field + ".";
        Optional<KmsResourceName> name = JsonFields.text(version, "name", at + "name").map(n -> KmsResourceName.parse(n)
                .filter(r -> r.version().isPresent())
                .orElseThrow(() -> new FieldException(at + "name", "not a CryptoKeyVersion name: '" + n + "'")));
        Optional<String> state = JsonFields.text(version, "state", at + "state");
        boolean imported = JsonFields.text(version, "importJob", at + "importJob").isPresent()
                || JsonFields.text(version, "importTime", at + "importTime").isPresent();
        return new VersionFacts(name, state, JsonFields.instant(version, "createTime", at + "createTime"),
                JsonFields.instant(version, "destroyTime", at + "destroyTime"), imported);
    }

    public Optional<String> versionId() {
        return name.flatMap(KmsResourceName::version);
    }

    /** The state, if Google's state is one KeyLedger maps. */
    public Optional<GoogleVersionState> state() {
        return nativeState.flatMap(GoogleVersionState::parse);
    }
}
