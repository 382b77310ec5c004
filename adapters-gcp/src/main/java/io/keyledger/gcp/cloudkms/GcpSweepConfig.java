package io.keyledger.gcp.cloudkms;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to sweep in Google Cloud (docs/gcp/SWEEPS.md, "Configuration"). The functions read it from their environment
 * with the rest of their settings ({@code io.keyledger.gcp.functions.GcpSettings}).
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
}
