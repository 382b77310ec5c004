package io.keyledger.infra.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.ApiOperation;
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
        // The set the sweep declares; at the merge with the Cloud KMS key source, GcpSweepOperation's declaration.
        Set<String> declared = new TreeSet<>();
        SweepOperations.DECLARED.forEach(op -> declared.add(op.permission()));
        Set<String> granted = new TreeSet<>(SweepOperations.projectPermissions());
        granted.addAll(SweepOperations.discoveryPermissions());

        assertThat(granted).isEqualTo(declared);
        assertThat(SweepOperations.DECLARED).allMatch(op -> op.provider() == Provider.GCP);
        assertThat(SweepOperations.DECLARED).extracting(ApiOperation::permission)
                .as("read-only: lists and gets, and the KMS Inventory's search")
                .allMatch(p -> p.endsWith(".list") || p.endsWith(".get") || p.endsWith(".search"));
    }

    @Test
    void theEventarcMethodsAreTheCloudKmsMethodsThatChangeAKey() {
        List<String> methods = CodeDeclarations.kmsAdminActivityMethods();

        assertThat(methods).contains("CreateCryptoKey", "DestroyCryptoKeyVersion", "UpdateCryptoKeyVersion", "SetIamPolicy")
                .doesNotContain("CreateKeyRing", "Encrypt", "GetCryptoKey");
    }
}
