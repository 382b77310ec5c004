package io.keyledger.infra.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
import io.keyledger.gcp.cloudkms.GcpSweepOperation;
import io.keyledger.gcp.firestore.FirestoreRequirements;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The lists infra/gcp reads from the code are the code's. */
class CodeDeclarationsTest {

    private static final Path FILE = Terraform.directory().resolve("code-declarations.json");

    @Test
    void theFileIsWhatTheCodeWrites() throws IOException {
        assertThat(Files.readString(FILE, StandardCharsets.UTF_8))
                .as("infra/gcp/code-declarations.json is stale: mvn -B -ntp -pl infra -am -DskipTests "
                        + "-Pgcp-declarations process-classes")
                .isEqualTo(CodeDeclarations.render());
    }

    @Test
    void theRoleIsExactlyTheDeclaredOperationsPermissions() {
        Set<String> declared = new TreeSet<>();
        GcpSweepOperation.operations().forEach(op -> declared.add(op.permission()));
        Set<String> granted = new TreeSet<>(CodeDeclarations.sweepPermissions());
        granted.addAll(CodeDeclarations.discoveryPermissions());

        assertThat(granted).isEqualTo(declared);
        assertThat(CodeDeclarations.sweepPermissions()).doesNotContainAnyElementsOf(CodeDeclarations.discoveryPermissions());
        assertThat(CodeDeclarations.discoveryPermissions())
                .as("only an organisation's role can hold the listings of its projects and folders")
                .containsExactly("resourcemanager.folders.list", "resourcemanager.projects.list");
        assertThat(GcpSweepOperation.operations()).allMatch(op -> op.provider() == Provider.GCP);
        assertThat(GcpSweepOperation.operations()).extracting(ApiOperation::permission)
                .as("read-only: lists and gets").allMatch(p -> p.endsWith(".list") || p.endsWith(".get"));
    }

    @Test
    void theFirestorePoliciesAndIndexesAreTheStoresRequirements() {
        assertThat(FirestoreRequirements.TTL_FIELD).isEqualTo("expireAt");
        assertThat(FirestoreRequirements.TTL_COLLECTION_GROUPS).containsExactly("events", "ledger", "keys", "keyRevisions");
        assertThat(CodeDeclarations.firestoreIndexes()).containsOnlyKeys("keys-state-keyId", "keys-provider-keyId",
                "keys-owner-keyId", "ledger-keyId-sequence", "alerts-status-sortKey");
        assertThat(CodeDeclarations.firestoreIndexes().get("ledger-keyId-sequence"))
                .containsEntry("collection", "ledger").containsEntry("fields", List.of("keyId", "sequence"));
    }

    @Test
    void theEventarcMethodsAreTheCloudKmsMethodsThatChangeAKey() {
        List<String> methods = CodeDeclarations.kmsAdminActivityMethods();

        assertThat(methods).contains("CreateCryptoKey", "DestroyCryptoKeyVersion", "UpdateCryptoKeyVersion", "SetIamPolicy")
                .doesNotContain("CreateKeyRing", "Encrypt", "GetCryptoKey");
    }
}
