package io.keyledger.core.key;

import java.util.Locale;

/** The clouds whose key management services KeyLedger inventories. */
public enum Provider {
    AWS, AZURE, GCP;

    /** Lower-case code used in key ids and files ("aws", "azure", "gcp"). */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a provider code case-insensitively; accepts "google" for GCP. */
    public static Provider parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "aws" -> AWS;
            case "azure" -> AZURE;
            case "gcp", "google" -> GCP;
            default -> throw new IllegalArgumentException("unknown provider '" + text + "' (expected aws, azure or gcp)");
        };
    }
}
