package io.keyledger.gcp.functions;

import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.gcp.cloudkms.GcpSweepScopes;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The sweep functions' scopes and key sources in Cloud KMS: the (project, location) scopes {@link GcpSweepScopes}
 * finds (Resource Manager, Cloud KMS locations) and its paced Cloud KMS key source of each, which share their
 * project's read quota within the instance.
 */
final class CloudKmsSweepSources implements SweepSources {

    private static final String PROJECTS = "projects/";

    private final GcpSweepScopes scopes;

    CloudKmsSweepSources(GcpSweepScopes scopes) {
        this.scopes = Objects.requireNonNull(scopes, "scopes");
    }

    @Override
    public ScopeListing scopes() {
        return listing(scopes.scopes());
    }

    @Override
    public ScopeListing scopesOf(List<String> projects) {
        return listing(scopes.scopesOf(projects));
    }

    @Override
    public KeySource keySource(SweepScope scope) {
        return scopes.keySource(scope);
    }

    /** Projects by id, as the functions report them; a folder that could not be listed keeps its full name. */
    private static ScopeListing listing(GcpSweepScopes.ScopeListing found) {
        Map<String, String> unreachable = new LinkedHashMap<>();
        found.unreachable().forEach((name, why) -> unreachable.put(
                name.startsWith(PROJECTS) ? name.substring(PROJECTS.length()) : name, why));
        return new ScopeListing(found.scopes(), unreachable);
    }
}
