package io.keyledger.infra.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.gcp.cloudkms.GcpSweepOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/gcp/DEPLOY.md names every permission the deployment grants and every function it deploys. */
class PermissionsDocTest {

    private static final Path DEPLOY = Terraform.directory().getParent().getParent().resolve("docs/gcp/DEPLOY.md");

    @Test
    void everyGrantedPermissionIsDocumented() throws IOException {
        String doc = Files.readString(DEPLOY);

        assertThat(GcpSweepOperation.permissions()).allSatisfy(p -> assertThat(doc).as(p).contains("`" + p + "`"));
    }

    @Test
    void everyDeployedFunctionIsDocumented() throws IOException {
        String doc = Files.readString(DEPLOY);

        Terraform.load(Terraform.directory()).resources("google_cloudfunctions2_function").values()
                .forEach(f -> assertThat(doc).contains(f.path("build_config").path("entry_point").asString()
                        .replace("io.keyledger.gcp.functions.", "")));
    }
}
