package io.keyledger.infra.gcp;

import io.keyledger.gcp.format.KmsMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes {@code infra/gcp/code-declarations.json}, the lists the Terraform configuration reads from the code
 * ({@code jsondecode(file(...))}) instead of repeating them:
 * <ul>
 *   <li>{@code sweep_permissions} and {@code discovery_permissions}: the custom role, from the operations the sweep
 *       declares ({@link SweepOperations}): the project reads, and with an organisation the discovery too;</li>
 *   <li>{@code kms_admin_activity_methods}: the Cloud KMS methods whose Admin Activity entries change a key, one
 *       Eventarc trigger each (Eventarc filters audit logs on one method name per trigger), from {@link KmsMethod};</li>
 *   <li>{@code firestore_ttl_collection_groups} and {@code firestore_ttl_field}: the TTL policies
 *       ({@link FirestoreLayout}).</li>
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

    /** The file's text. */
    public static String render() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("//", "Written by io.keyledger.infra.gcp.CodeDeclarations from the code; do not edit (a test compares).");
        out.put("sweep_permissions", SweepOperations.projectPermissions());
        out.put("discovery_permissions", SweepOperations.discoveryPermissions());
        out.put("kms_admin_activity_methods", kmsAdminActivityMethods());
        out.put("firestore_ttl_collection_groups", FirestoreLayout.EXPIRING_COLLECTION_GROUPS);
        out.put("firestore_ttl_field", FirestoreLayout.TTL_FIELD);
        return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n";
    }

    /** Writes the file: the argument is its path (default: {@value #FILE}, from the repository root). */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args.length > 0 ? args[0] : FILE);
        Files.writeString(file, render(), StandardCharsets.UTF_8);
        System.out.println("wrote " + file.toAbsolutePath());
    }
}
