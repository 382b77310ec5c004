package io.keyledger.local.cli;

import static io.keyledger.local.cli.CliHarness.AWS_DEV;
import static io.keyledger.local.cli.CliHarness.AWS_PROD;
import static io.keyledger.local.cli.CliHarness.awsKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.core.tenant.TenantMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TenantMappingTest {

    @TempDir
    Path home;

    private Map<String, String> tenantsByKey(CliHarness cli) {
        Map<String, String> out = new HashMap<>();
        cli.run("keys", "--format", "json").json()
                .forEach(k -> out.put(k.get("id").asString(), k.get("tenant").asString()));
        return out;
    }

    @Test
    void sendsAMappedAccountToItsTenantAndTheRestToDefault() throws IOException {
        Files.writeString(home.resolve("tenants.json"),
                "{\"accounts\": {\"aws:" + AWS_PROD + "\": \"acme\", \"gcp:beta-project\": \"beta\"}, \"default\": \"default\"}");
        CliHarness cli = new CliHarness(home);

        CliHarness.Result r = cli.run("ingest", CliHarness.write(home.resolve("in.jsonl"), CliHarness.sampleLines()).toString());

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(tenantsByKey(cli)).containsOnly(
                Map.entry(awsKey(AWS_PROD, "k-payments"), "acme"),
                Map.entry(awsKey(AWS_PROD, "k-legacy"), "acme"),
                Map.entry(awsKey(AWS_DEV, "k-dev"), "default"));
        assertThat(cli.run("keys", "--tenant", "acme", "--format", "json").json().size()).isEqualTo(2);
        assertThat(cli.run("verify").out()).contains("tenant acme: intact").contains("tenant default: intact");
    }

    @Test
    void readsTheFileNamedWithTenantsAndItsOwnDefault() throws IOException {
        Path mapping = home.resolve("elsewhere/mapping.json");
        Files.createDirectories(mapping.getParent());
        Files.writeString(mapping, "{\"accounts\": {\"AWS:" + AWS_DEV + "\": \"dev\"}, \"default\": \"corp\"}");
        CliHarness cli = new CliHarness(home);

        cli.run("ingest", "--tenants", mapping.toString(),
                CliHarness.write(home.resolve("in.jsonl"), CliHarness.sampleLines()).toString());

        assertThat(tenantsByKey(cli)).containsEntry(awsKey(AWS_DEV, "k-dev"), "dev")
                .containsEntry(awsKey(AWS_PROD, "k-payments"), "corp");
    }

    @Test
    void namesTheFieldOfABadTenantsFile() throws IOException {
        Files.writeString(home.resolve("tenants.json"), "{\"accounts\": {\"aws:1\": \"no spaces allowed\"}}");
        CliHarness cli = new CliHarness(home);

        CliHarness.Result r = cli.run("ingest", CliHarness.write(home.resolve("in.jsonl"), CliHarness.sampleLines()).toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("tenants.json: field 'accounts.aws:1': invalid tenant id 'no spaces allowed'");
    }

    @Test
    void failsWhenTheNamedTenantsFileIsMissing() {
        CliHarness cli = new CliHarness(home);

        CliHarness.Result r = cli.run("ingest", "--tenants", home.resolve("missing.json").toString(),
                CliHarness.write(home.resolve("in.jsonl"), CliHarness.sampleLines()).toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("missing.json does not exist");
    }

    @Test
    void parsesProvidersCaseInsensitivelyAndDefaultsTheFallback() {
        TenantMapping m = TenantsConfig.parse("{\"accounts\": {\"google:p1\": \"beta\"}}");

        assertThat(m.fallback()).isEqualTo("default");
        assertThat(m.tenantOf(new KeyRef(Provider.GCP, "p1", "global/ring", "projects/p1/x"))).isEqualTo("beta");
        assertThat(m.tenantOf(new KeyRef(Provider.GCP, "p2", "global/ring", "projects/p2/x"))).isEqualTo("default");
    }

    @Test
    void rejectsMalformedTenantsFiles() {
        assertThatThrownBy(() -> TenantsConfig.parse("[1]")).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> TenantsConfig.parse("{\"accounts\": {\"111122223333\": \"acme\"}}"))
                .hasMessageContaining("field 'accounts.111122223333': expected <provider>:<account>");
        assertThatThrownBy(() -> TenantsConfig.parse("{\"accounts\": {\"ibm:x\": \"acme\"}}"))
                .hasMessageContaining("field 'accounts.ibm:x': unknown provider 'ibm'");
        assertThatThrownBy(() -> TenantsConfig.parse("{\"default\": 3}"))
                .hasMessageContaining("field 'default': expected a tenant id string");
        assertThatThrownBy(() -> TenantsConfig.parse("{nope")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> TenantsConfig.parse("{\"acounts\": {\"aws:111122223333\": \"acme\"}}"))
                .hasMessageContaining("field 'acounts': unknown");
    }
}
