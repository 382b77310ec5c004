package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class ReportCommandTest {

    @TempDir
    Path home;

    private CliHarness cli;
    private String db;

    @BeforeEach
    void demoDatabase() {
        cli = new CliHarness(home);
        db = home.resolve("keyledger.db").toString();
        CliHarness.Result demo = cli.run("demo", "--db", db);
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
    }

    @Test
    void writesTheInventoryAsCsvToStandardOutput() {
        CliHarness.Result r = cli.run("report", "inventory", "--db", db);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.out().lines().count()).as(r.out()).isEqualTo(16);
        assertThat(r.out().lines().findFirst().orElseThrow()).startsWith("tenant,id,");
    }

    @Test
    void writesACbomFiltered() {
        CliHarness.Result r = cli.run("report", "inventory", "--format", "cbom", "--provider", "gcp", "--db", db);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        JsonNode bom = Json.mapper().readTree(r.out());
        assertThat(bom.get("specVersion").asString()).isEqualTo("1.6");
        assertThat(r.out()).contains("cryptographic-asset").doesNotContain("arn:aws:kms");
    }

    @Test
    void writesTheEvidencePageToAFile() throws IOException {
        Path page = home.resolve("evidence.html");

        CliHarness.Result r = cli.run("report", "evidence", "--format", "html", "-o", page.toString(), "--db", db);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.err()).contains("Wrote the evidence report of tenant default (html) to " + page);
        assertThat(Files.readString(page)).contains("<html").contains("CEK-21");
    }

    @Test
    void namesWhatIsWrongWithTheRequest() {
        assertThat(cli.run("report", "secrets", "--db", db).err()).contains("unknown report 'secrets'");
        assertThat(cli.run("report", "pqc", "--format", "cbom", "--db", db).err())
                .contains("--format: report pqc comes as");
        assertThat(cli.run("report", "changes", "--from", "yesterday", "--db", db).err())
                .contains("--from: expected an instant");
        assertThat(cli.run("report", "inventory", "--tenant", "nobody", "--db", db).exitCode()).isNotZero();
    }

    @Test
    void reportsChangesInAPeriodAsJson() {
        CliHarness.Result r = cli.run("report", "changes", "--format", "json", "--from", "2020-01-01T00:00:00Z",
                "--to", "2030-01-01T00:00:00Z", "--db", db);

        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(Json.mapper().readTree(r.out()).toString()).contains("CREATE");
    }
}
