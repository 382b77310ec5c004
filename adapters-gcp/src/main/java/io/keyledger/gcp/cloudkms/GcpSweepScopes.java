package io.keyledger.gcp.cloudkms;

import com.google.api.gax.rpc.ApiException;
import com.google.cloud.location.ListLocationsRequest;
import com.google.cloud.location.ListLocationsResponse;
import com.google.cloud.location.Location;
import com.google.cloud.resourcemanager.v3.Folder;
import com.google.cloud.resourcemanager.v3.ListFoldersRequest;
import com.google.cloud.resourcemanager.v3.ListFoldersResponse;
import com.google.cloud.resourcemanager.v3.ListProjectsRequest;
import com.google.cloud.resourcemanager.v3.ListProjectsResponse;
import com.google.cloud.resourcemanager.v3.Project;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.Sleeper;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.sweep.ThrottledException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.random.RandomGenerator;

/**
 * The Google Cloud scopes to sweep, one per project and location, and the key source of each.
 *
 * <p>Projects are the configured ones, or every ACTIVE project under the configured organisation or folder,
 * found through its folders (Resource Manager ListProjects and ListFolders, with the sweep's own credentials).
 * Locations are the configured ones, or each project's Cloud KMS locations (ListLocations, paced as a Cloud KMS
 * read of the project). The key sources of one project share one {@link ProjectReadQuota}, because Cloud KMS
 * meters reads per project, whatever the location.
 *
 * <p>Every call it makes, and every call of the key sources it builds, is an operation of
 * {@link GcpSweepOperation} ({@link #operations()}); the clients refuse any other. Nothing here touches the
 * network when built. {@link #close} closes nothing: the clients are the caller's.
 */
public final class GcpSweepScopes {

    /** The scopes found, and the projects or parents that could not be listed (with why). */
    public record ScopeListing(List<SweepScope> scopes, Map<String, String> unreachable) {
        public ScopeListing {
            scopes = List.copyOf(scopes);
            unreachable = Map.copyOf(unreachable);
        }
    }

    private final GcpSweepConfig config;
    private final GcpClients clients;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final ConcurrentMap<String, ProjectReadQuota> quotas = new ConcurrentHashMap<>();

    /**
     * @param clients the sweep's Google clients ({@link GcpClients#google} in a function)
     * @param random  the jitter of backoff; shared by the sweep's paced sources
     */
    public GcpSweepScopes(GcpSweepConfig config, GcpClients clients, Clock clock, Sleeper sleeper, RandomGenerator random) {
        this.config = Objects.requireNonNull(config, "config");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.random = Objects.requireNonNull(random, "random");
    }

    public GcpSweepConfig config() {
        return config;
    }

    /** Every operation the discovery and the key sources may send: what the deployment's custom role grants. */
    public Set<ApiOperation> operations() {
        return GcpSweepOperation.operations();
    }

    /**
     * Lists the scopes: every (project, location) pair, projects in the order configured or found. A project
     * whose locations cannot be listed, or a folder whose children cannot, is reported and left out; it does not
     * stop the others.
     *
     * @throws ApiException when the configured organisation or folder itself cannot be listed
     */
    public ScopeListing scopes() {
        Map<String, String> unreachable = new LinkedHashMap<>();
        List<String> projects = config.projects().isEmpty() ? projectsUnder(config.parent().orElseThrow(), unreachable)
                : config.projects();
        ScopeListing of = scopesOf(projects);
        unreachable.putAll(of.unreachable());
        return new ScopeListing(of.scopes(), unreachable);
    }

    /** The scopes of the given projects: each with the configured locations, or its Cloud KMS locations. */
    public ScopeListing scopesOf(List<String> projects) {
        List<SweepScope> out = new ArrayList<>();
        Map<String, String> unreachable = new LinkedHashMap<>();
        for (String project : projects) {
            List<String> locations;
            try {
                locations = config.locations().isEmpty() ? locationsOf(project) : config.locations();
            } catch (ApiException | ThrottledException e) {
                unreachable.put("projects/" + project, "locations not listed: " + e.getMessage());
                continue;
            }
            locations.forEach(l -> out.add(new SweepScope(Provider.GCP, project, l)));
        }
        return new ScopeListing(out, unreachable);
    }

    /** The paced Cloud KMS key source of {@code scope}, sharing its project's read quota. */
    public KeySource keySource(SweepScope scope) {
        if (scope.provider() != Provider.GCP) {
            throw new IllegalArgumentException("scope " + scope.id() + " is not a Google Cloud scope");
        }
        if (!config.projects().isEmpty() && !config.projects().contains(scope.account())) {
            throw new IllegalArgumentException("project " + scope.account() + " of scope " + scope.id()
                    + " is not among the projects configured for sweeping");
        }
        return CloudKmsKeySource.paced(clients, scope, config.kms(), quota(scope.account()), clock, sleeper, random);
    }

    /** The read quota of a project, one per project for every source this instance builds. */
    public ProjectReadQuota quota(String project) {
        return quotas.computeIfAbsent(project, p -> new ProjectReadQuota(p, config.kms().pacing(), clock));
    }

    /** Every ACTIVE project under {@code parent}, its folders searched breadth first. */
    private List<String> projectsUnder(String parent, Map<String, String> unreachable) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> parents = new ArrayDeque<>(List.of(parent));
        while (!parents.isEmpty()) {
            String next = parents.removeFirst();
            try {
                String token = "";
                do {
                    ListProjectsRequest request = ListProjectsRequest.newBuilder().setParent(next).setPageToken(token)
                            .build();
                    ListProjectsResponse page = clients.projects().listProjectsCallable().call(request);
                    page.getProjectsList().stream().filter(p -> p.getState() == Project.State.ACTIVE)
                            .forEach(p -> out.add(p.getProjectId()));
                    token = page.getNextPageToken();
                } while (!token.isEmpty());
                token = "";
                do {
                    ListFoldersRequest request = ListFoldersRequest.newBuilder().setParent(next).setPageToken(token)
                            .build();
                    ListFoldersResponse page = clients.folders().listFoldersCallable().call(request);
                    page.getFoldersList().stream().filter(f -> f.getState() == Folder.State.ACTIVE)
                            .forEach(f -> parents.addLast(f.getName()));
                    token = page.getNextPageToken();
                } while (!token.isEmpty());
            } catch (ApiException e) {
                if (next.equals(parent)) {
                    throw e;
                }
                unreachable.put(next, "projects not listed: " + CloudKmsKeySource.errorText(e));
            }
        }
        return List.copyOf(out);
    }

    /** The project's Cloud KMS locations, each ListLocations page paced as a read of the project. */
    private List<String> locationsOf(String project) {
        List<String> out = new ArrayList<>();
        String token = "";
        do {
            ListLocationsRequest request = ListLocationsRequest.newBuilder().setName("projects/" + project)
                    .setPageToken(token).build();
            pace(project);
            ListLocationsResponse page = clients.kms().listLocationsCallable().call(request);
            page.getLocationsList().stream().map(Location::getLocationId).forEach(out::add);
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return out;
    }

    private void pace(String project) {
        Duration wait = quota(project).bucket(GcpSweepOperation.LIST_LOCATIONS).reserve();
        try {
            sleeper.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while pacing ListLocations of project " + project);
        }
    }
}
