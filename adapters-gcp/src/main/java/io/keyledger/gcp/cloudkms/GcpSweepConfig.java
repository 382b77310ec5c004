package io.keyledger.gcp.cloudkms;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to sweep in Google Cloud (docs/gcp/SWEEPS.md, "Configuration").
 *
 * @param projects  the project ids to sweep; empty: every ACTIVE project under {@code parent}
 * @param parent    where to find the projects when none are listed: {@code organizations/<id>} or
 *                  {@code folders/<id>}, searched through its folders (Resource Manager ListProjects, ListFolders)
 * @param locations the locations to sweep in every project; empty: each project's Cloud KMS locations
 *                  (ListLocations)
 * @param kms       page sizes, KMS Inventory and pacing
 */
public record GcpSweepConfig(List<String> projects, Optional<String> parent, List<String> locations,
                             CloudKmsSweepOptions kms) {

    /** Environment variables of {@link #fromEnvironment}. */
    public static final String ENV_PROJECTS = "KEYLEDGER_GCP_PROJECTS";
    public static final String ENV_PARENT = "KEYLEDGER_GCP_PARENT";
    public static final String ENV_LOCATIONS = "KEYLEDGER_GCP_LOCATIONS";
    public static final String ENV_PROTECTED_RESOURCES = "KEYLEDGER_GCP_PROTECTED_RESOURCES";

    /** Project ids: 6 to 30 of lower-case letters, digits and hyphens, starting with a letter. */
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    private static final Pattern PARENT = Pattern.compile("(organizations|folders)/\\d{1,20}");
    /** Cloud KMS locations: a region, a multi-region or {@code global}. */
    private static final Pattern LOCATION = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    public GcpSweepConfig {
        projects = List.copyOf(projects);
        projects.forEach(p -> requireMatch("projects", p, PROJECT));
        Objects.requireNonNull(parent, "parent").ifPresent(p -> requireMatch("parent", p, PARENT));
        locations = List.copyOf(locations);
        locations.forEach(l -> requireMatch("locations", l, LOCATION));
        Objects.requireNonNull(kms, "kms");
        if (projects.isEmpty() && parent.isEmpty()) {
            throw new IllegalArgumentException("field 'projects': name the projects to sweep, or the organisation or "
                    + "folder ('parent') whose projects to sweep");
        }
    }

    /** The given projects, in each of their Cloud KMS locations. */
    public static GcpSweepConfig ofProjects(List<String> projects) {
        return new GcpSweepConfig(projects, Optional.empty(), List.of(), CloudKmsSweepOptions.defaults());
    }

    /** Every active project under an organisation or folder ({@code organizations/123}), in each of its locations. */
    public static GcpSweepConfig ofParent(String parent) {
        return new GcpSweepConfig(List.of(), Optional.of(parent), List.of(), CloudKmsSweepOptions.defaults());
    }

    /**
     * Reads {@code KEYLEDGER_GCP_PROJECTS} (comma-separated project ids) or {@code KEYLEDGER_GCP_PARENT}
     * ({@code organizations/<id>} or {@code folders/<id>}), one of them required; the optional
     * {@code KEYLEDGER_GCP_LOCATIONS} (comma-separated) and {@code KEYLEDGER_GCP_PROTECTED_RESOURCES}
     * ({@code true} to ask KMS Inventory what each key protects).
     *
     * @throws IllegalArgumentException naming the variable that is missing or malformed
     */
    public static GcpSweepConfig fromEnvironment(Map<String, String> env) {
        List<String> projects = list(env.get(ENV_PROJECTS));
        Optional<String> parent = Optional.ofNullable(env.get(ENV_PARENT)).map(String::trim).filter(s -> !s.isEmpty());
        List<String> locations = list(env.get(ENV_LOCATIONS));
        String inventory = Optional.ofNullable(env.get(ENV_PROTECTED_RESOURCES)).map(String::trim).orElse("false");
        if (!inventory.equals("true") && !inventory.equals("false")) {
            throw new IllegalArgumentException("sweep configuration from the environment, " + ENV_PROTECTED_RESOURCES
                    + ": expected true or false, was '" + inventory + "'");
        }
        try {
            return new GcpSweepConfig(projects, parent, locations,
                    CloudKmsSweepOptions.defaults().withProtectedResources(Boolean.parseBoolean(inventory)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sweep configuration from the environment (" + ENV_PROJECTS + ", "
                    + ENV_PARENT + ", " + ENV_LOCATIONS + "): " + e.getMessage(), e);
        }
    }

    public GcpSweepConfig withLocations(List<String> list) {
        return new GcpSweepConfig(projects, parent, list, kms);
    }

    public GcpSweepConfig withKms(CloudKmsSweepOptions options) {
        return new GcpSweepConfig(projects, parent, locations, options);
    }

    private static void requireMatch(String field, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new IllegalArgumentException("field '" + field + "': not valid: '" + value + "'");
        }
    }

    private static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
