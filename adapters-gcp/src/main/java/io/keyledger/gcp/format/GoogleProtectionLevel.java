package io.keyledger.gcp.format;

import io.keyledger.core.decode.Mapping;
import io.keyledger.core.key.KeyOrigin;
import io.keyledger.core.key.ProtectionLevel;
import java.util.Optional;

/** Where a version's material lives, and what that means for protection and origin. */
public enum GoogleProtectionLevel {
    SOFTWARE(ProtectionLevel.SOFTWARE, KeyOrigin.GENERATED),
    HSM(ProtectionLevel.HSM, KeyOrigin.GENERATED),
    HSM_SINGLE_TENANT(ProtectionLevel.HSM, KeyOrigin.GENERATED),
    EXTERNAL(ProtectionLevel.EXTERNAL, KeyOrigin.EXTERNAL),
    EXTERNAL_VPC(ProtectionLevel.EXTERNAL, KeyOrigin.EXTERNAL);

    private final ProtectionLevel protection;
    private final KeyOrigin origin;

    GoogleProtectionLevel(ProtectionLevel protection, KeyOrigin origin) {
        this.protection = protection;
        this.origin = origin;
    }

    public ProtectionLevel protection() {
        return protection;
    }

    /** The origin of material at this level unless it was imported. */
    public KeyOrigin origin() {
        return origin;
    }

    public static Optional<GoogleProtectionLevel> parse(String name) {
        return Mapping.entryNamed(GoogleProtectionLevel.class, name);
    }
}
