package io.keyledger.core.key;

import java.util.Locale;

/** The clouds whose key management services KeyLedger inventories. */
public enum Provider {
    AWS, AZURE, GCP;

    /** Computed once: every key id is built with it. */
    private final String code = name().toLowerCase(Locale.ROOT);

    /** Lower-case code used in key ids and files ("aws", "azure", "gcp"). */
    public String code() {
        return code;
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
