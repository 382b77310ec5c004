package io.keyledger.core.key;

import java.util.Objects;

/** Identity of one version of a key (AWS rotation, Azure key version, Cloud KMS CryptoKeyVersion). */
public record KeyVersionRef(KeyRef key, String versionId) {

    public KeyVersionRef {
        Objects.requireNonNull(key, "key");
        versionId = KeyRef.requireText(versionId, "versionId");
    }

    public String id() {
        return key.id() + "#" + versionId;
    }
}
