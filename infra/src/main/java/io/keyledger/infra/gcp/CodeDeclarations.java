package io.keyledger.infra.gcp;

import io.keyledger.gcp.cloudkms.GcpSweepOperation;
import io.keyledger.gcp.firestore.FirestoreRequirements;
import io.keyledger.gcp.format.KmsMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code infra/gcp/code-declarations.json}, the lists the Terraform configuration reads from the code
 * ({@code jsondecode(file(...))}) instead of repeating them:
 * <ul>
 *   <li>{@code sweep_permissions} and {@code discovery_permissions}: the custom role, from the operations the sweep
 *       declares ({@link GcpSweepOperation}): what a project's role can grant, and with an organisation the
 *       discovery of its projects and folders too;</li>
 *   <li>{@code kms_admin_activity_methods}: the Cloud KMS methods whose Admin Activity entries change a key, one
 *       Eventarc trigger each (Eventarc filters audit logs on one method name per trigger), from {@link KmsMethod};</li>
 *   <li>{@code firestore_ttl_collection_groups}, {@code firestore_ttl_field} and {@code firestore_indexes}: the TTL
 *       policies and composite indexes the Firestore store needs ({@link FirestoreRequirements}).</li>
 * </ul>
 * A test fails when the file differs from what this writes; {@code mvn -B -ntp -pl infra -am -DskipTests
 * -Pgcp-declarations process-classes} writes it anew.
 */
public final class CodeDeclarations {

    public static final String FILE = "infra/gcp/code-declarations.json";

    private CodeDeclarations() {
    }

    /** The Cloud KMS methods that change a key and are logged in Admin Activity, in the table's order. */
    public static List<String> kmsAdminActivityMethods() {
        return Arrays.stream(KmsMethod.values())
                .filter(m -> m.log() == KmsMethod.Log.ADMIN_ACTIVITY && m.handling() == KmsMethod.Handling.KEY)
                .map(KmsMethod::nativeName)
                .toList();
    }

    /** The permissions a project's custom role grants: the sweep's reads in each project. */
    public static List<String> sweepPermissions() {
        return List.copyOf(GcpSweepOperation.projectPermissions());
    }

    /** The permissions only an organisation's custom role grants: the discovery of its projects and folders. */
    public static List<String> discoveryPermissions() {
        Set<String> out = new TreeSet<>(GcpSweepOperation.permissions());
        out.removeAll(GcpSweepOperation.projectPermissions());
        return List.copyOf(out);
    }

    /** The composite indexes by a name each, for Terraform's for_each. */
    public static Map<String, Map<String, Object>> firestoreIndexes() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (FirestoreRequirements.CompositeIndex index : FirestoreRequirements.COMPOSITE_INDEXES) {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("collection", index.collectionGroup());
            fields.put("fields", index.fields());
            out.put(index.name(), fields);
        }
        return out;
    }

    /** The file's text. */
    public static String render() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("//", "Written by io.keyledger.infra.gcp.CodeDeclarations from the code; do not edit (a test compares).");
        out.put("sweep_permissions", sweepPermissions());
        out.put("discovery_permissions", discoveryPermissions());
        out.put("kms_admin_activity_methods", kmsAdminActivityMethods());
        out.put("firestore_ttl_collection_groups", FirestoreRequirements.TTL_COLLECTION_GROUPS);
        out.put("firestore_ttl_field", FirestoreRequirements.TTL_FIELD);
        out.put("firestore_indexes", firestoreIndexes());
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
    }

    /** Writes the file: the argument is its path (default: {@value #FILE}, from the repository root). */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : FILE);
        Files.writeString(file, render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + file.toAbsolutePath());
    }
}
