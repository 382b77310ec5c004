package io.keyledger.gcp.format;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Cloud KMS resource name, {@code projects/<p>/locations/<l>[/keyRings/<r>[/cryptoKeys/<k>
 * [/cryptoKeyVersions/<n>]]]}, possibly followed by more segments (an import job) that are not kept.
 * A full resource name ({@code //cloudkms.googleapis.com/projects/...}) is read the same way.
 */
public record KmsResourceName(String project, String location, Optional<String> keyRing,
                              Optional<String> cryptoKey, Optional<String> version) {

    private static final String SEGMENT = "([^/\\s]+)";
    private static final Pattern NAME = Pattern.compile("(?://cloudkms\\.googleapis\\.com/)?projects/" + SEGMENT
            + "/locations/" + SEGMENT + "(?:/keyRings/" + SEGMENT + "(?:/cryptoKeys/" + SEGMENT
            + "(?:/cryptoKeyVersions/" + SEGMENT + ")?)?)?(?:/.*)?");

    public KmsResourceName {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(keyRing, "keyRing");
        Objects.requireNonNull(cryptoKey, "cryptoKey");
        Objects.requireNonNull(version, "version");
    }

    public static Optional<KmsResourceName> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        Matcher m = NAME.matcher(name.trim());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new KmsResourceName(m.group(1), m.group(2), Optional.ofNullable(m.group(3)),
                Optional.ofNullable(m.group(4)), Optional.ofNullable(m.group(5))));
    }

    public static KmsResourceName ofKey(String project, String location, String keyRing, String cryptoKey) {
        return new KmsResourceName(project, location, Optional.of(keyRing), Optional.of(cryptoKey), Optional.empty());
    }

    public boolean isKey() {
        return cryptoKey.isPresent();
    }

    /** The key's name without any version: the native id KeyLedger uses for Google keys. */
    public String keyName() {
        return "projects/" + project + "/locations/" + location + "/keyRings/" + keyRing.orElseThrow()
                + "/cryptoKeys/" + cryptoKey.orElseThrow();
    }

    /** The same resource in another project id (a project number in a name replaced by the project id). */
    public KmsResourceName inProject(String projectId) {
        return new KmsResourceName(projectId, location, keyRing, cryptoKey, version);
    }

    /**
     * The name as KeyLedger keeps it: a project number (callers may name resources by it) replaced by the
     * project id, when the id is known.
     */
    public KmsResourceName withProjectId(java.util.Optional<String> projectId) {
        return projectId.isPresent() && project.chars().allMatch(Character::isDigit) ? inProject(projectId.get()) : this;
    }

    public KmsResourceName withVersion(String versionId) {
        return new KmsResourceName(project, location, keyRing, cryptoKey, Optional.of(versionId));
    }
}
