package io.keyledger.functions.report;

/**
 * The CycloneDX versions the CBOM is written in. 1.6 is the default: cyclonedx-core-java models it and
 * validates against its schema. 1.7 is the same components with the fields 1.7 adds or replaces
 * ({@link Cbom17}), since the library has no 1.7 model yet.
 */
enum CbomSpec {
    V1_6("1.6", "cbom"),
    V1_7("1.7", "cbom-1.7");

    private final String version;
    private final String format;

    CbomSpec(String version, String format) {
        this.version = version;
        this.format = format;
    }

    /** {@code specVersion} as the BOM states it. */
    String version() {
        return version;
    }

    /** The report format that asks for it. */
    String format() {
        return format;
    }

    String mediaType() {
        return "application/vnd.cyclonedx+json; version=" + version;
    }
}
