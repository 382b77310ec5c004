package io.keyledger.testkit.gcp;

import static io.keyledger.testkit.gcp.InProcessGoogleApis.error;

import com.google.cloud.resourcemanager.v3.Folder;
import com.google.cloud.resourcemanager.v3.ListFoldersRequest;
import com.google.cloud.resourcemanager.v3.ListFoldersResponse;
import com.google.cloud.resourcemanager.v3.ListProjectsRequest;
import com.google.cloud.resourcemanager.v3.ListProjectsResponse;
import com.google.cloud.resourcemanager.v3.Project;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resource Manager v3's project and folder listings ({@code Projects.ListProjects}, {@code Folders.ListFolders}),
 * served in process to the real {@code ProjectsClient} and {@code FoldersClient}. As documented: each lists the
 * direct children of one parent ({@code organizations/<id>} or {@code folders/<id>}), ACTIVE ones only unless
 * {@code show_deleted}, paged with {@code page_size} (at most 1000; unset or 0: 1000) and {@code next_page_token};
 * a parent the caller may not list is PERMISSION_DENIED.
 */
public final class FakeResourceManager {

    public static final String PROJECTS = "google.cloud.resourcemanager.v3.Projects";
    public static final String FOLDERS = "google.cloud.resourcemanager.v3.Folders";

    private final Map<String, Project> projects = new LinkedHashMap<>();
    private final Map<String, Folder> folders = new LinkedHashMap<>();
    private final Set<String> denied = new HashSet<>();

    public FakeResourceManager serveOn(InProcessGoogleApis apis) {
        apis.unary(PROJECTS + "/ListProjects", ListProjectsRequest.getDefaultInstance(),
                ListProjectsResponse.getDefaultInstance(), this::listProjects);
        apis.unary(FOLDERS + "/ListFolders", ListFoldersRequest.getDefaultInstance(),
                ListFoldersResponse.getDefaultInstance(), this::listFolders);
        return this;
    }

    /** A project under {@code parent} ({@code organizations/1} or {@code folders/2}). */
    public synchronized FakeResourceManager project(String parent, String projectId, Project.State state) {
        String name = "projects/" + (100000 + projects.size());
        projects.put(name, Project.newBuilder().setName(name).setProjectId(projectId).setParent(parent)
                .setState(state).build());
        return this;
    }

    /** A folder under {@code parent}; returns its name. */
    public synchronized String folder(String parent, String displayName) {
        String name = "folders/" + (500 + folders.size());
        folders.put(name, Folder.newBuilder().setName(name).setParent(parent).setDisplayName(displayName)
                .setState(Folder.State.ACTIVE).build());
        return name;
    }

    /** Listing the children of {@code parent} is refused with PERMISSION_DENIED. */
    public synchronized FakeResourceManager deny(String parent) {
        denied.add(parent);
        return this;
    }

    private synchronized ListProjectsResponse listProjects(ListProjectsRequest r) {
        check(r.getParent(), "resourcemanager.projects.list");
        List<Project> all = new ArrayList<>();
        projects.values().stream().filter(p -> p.getParent().equals(r.getParent()))
                .filter(p -> r.getShowDeleted() || p.getState() == Project.State.ACTIVE).forEach(all::add);
        int from = offset(r.getPageToken());
        int to = Math.min(all.size(), from + size(r.getPageSize()));
        return ListProjectsResponse.newBuilder().addAllProjects(all.subList(from, to))
                .setNextPageToken(to < all.size() ? Integer.toString(to) : "").build();
    }

    private synchronized ListFoldersResponse listFolders(ListFoldersRequest r) {
        check(r.getParent(), "resourcemanager.folders.list");
        List<Folder> all = new ArrayList<>();
        folders.values().stream().filter(f -> f.getParent().equals(r.getParent())).forEach(all::add);
        int from = offset(r.getPageToken());
        int to = Math.min(all.size(), from + size(r.getPageSize()));
        return ListFoldersResponse.newBuilder().addAllFolders(all.subList(from, to))
                .setNextPageToken(to < all.size() ? Integer.toString(to) : "").build();
    }

    private void check(String parent, String permission) {
        if (!parent.startsWith("organizations/") && !parent.startsWith("folders/")) {
            throw error(Status.Code.INVALID_ARGUMENT, "parent must be organizations/<id> or folders/<id>: '"
                    + parent + "'");
        }
        if (denied.contains(parent)) {
            throw error(Status.Code.PERMISSION_DENIED, "Permission '" + permission + "' denied on '" + parent + "'.");
        }
    }

    private static int size(int pageSize) {
        return pageSize <= 0 ? 1000 : Math.min(pageSize, 1000);
    }

    private static int offset(String token) {
        try {
            return token.isEmpty() ? 0 : Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw error(Status.Code.INVALID_ARGUMENT, "Invalid page token.");
        }
    }
}
