package io.keyledger.gcp.functions;

import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.SweepScope;
import java.util.List;
import java.util.Map;

/**
 * What the sweep functions need of Google Cloud: the scopes to sweep (a project and a Cloud KMS location
 * each) and the key source of one scope. The scheduled sweep asks for every scope, the admin API for its
 * tenant's projects' scopes, and the worker for one scope's key source.
 */
public interface SweepSources {

    /**
     * The scopes of a scheduled sweep: the configured projects, or every project of the organisation or
     * folder, each in the configured locations or in every location it has key rings in.
     */
    ScopeListing scopes();

    /** The scopes of these projects, each in the configured locations or in every location it has. */
    ScopeListing scopesOf(List<String> projects);

    /** The key source of one scope; building it makes no call. */
    KeySource keySource(SweepScope scope);

    /**
     * Scopes found, and the projects that could not be listed, with why; those are not swept.
     */
    record ScopeListing(List<SweepScope> scopes, Map<String, String> unreachableProjects) {
        public ScopeListing {
            scopes = List.copyOf(scopes);
            unreachableProjects = Map.copyOf(unreachableProjects);
        }
    }
}
