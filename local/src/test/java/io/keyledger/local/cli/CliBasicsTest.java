package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliBasicsTest {

    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"ingest", "keys", "history", "verify", "purge-expired", "legal-hold", "legal-hold place",
            "legal-hold lift", "legal-hold list", "demo"})
    void everyCommandHasHelpWithItsExitCodes(String command) {
        String[] args = (command + " --help").split(" ");

        CliHarness.Result r = new CliHarness(home).run(args);

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("Usage: keyledger " + command).contains("Exit codes:").contains("64");
    }

    @Test
    void listsTheCommandsAndExitCodesInTheTopLevelHelp() {
        CliHarness.Result r = new CliHarness(home).run("--help");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("ingest", "keys", "history", "verify", "purge-expired", "legal-hold", "demo")
                .contains("2    ingest only");
    }

    @Test
    void printsItsVersion() {
        CliHarness.Result r = new CliHarness(home).run("--version");

        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("keyledger ");
        assertThat(new CliHarness(home).run("keys", "--version").exitCode()).isZero();
    }

    @Test
    void treatsWrongUsageAsUsageErrorsWithAHint() {
        CliHarness cli = new CliHarness(home);

        CliHarness.Result none = cli.run();
        CliHarness.Result unknown = cli.run("keys", "--colour");
        CliHarness.Result typo = cli.run("key");

        assertThat(none.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.err()).contains("missing command").contains("Try 'keyledger --help'");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unknown.err()).contains("Unknown option: '--colour'").contains("Try 'keyledger keys --help'");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(typo.err()).contains("keys");
    }

    @Test
    void findsItsHomeThroughTheOptionTheVariableOrTheUsersHomeDirectory() {
        CliHarness cli = new CliHarness(home);
        Path data = CliHarness.write(home.resolve("in.jsonl"), CliHarness.sampleLines());

        cli.run(Map.of(), "ingest", data.toString());
        cli.run(Map.of(HomeOptions.HOME_VARIABLE, home.resolve("from-env").toString()), "ingest", data.toString());
        cli.run(Map.of(HomeOptions.HOME_VARIABLE, home.resolve("from-env").toString()), "ingest",
                "--home", home.resolve("from-option").toString(), data.toString());

        assertThat(Files.exists(home.resolve("user-home/.keyledger/keyledger.db"))).isTrue();
        assertThat(Files.exists(home.resolve("from-env/keyledger.db"))).isTrue();
        assertThat(Files.exists(home.resolve("from-option/keyledger.db"))).isTrue();
    }

    @Test
    void reportsADatabaseThatIsNotSqliteInOneLine() throws Exception {
        Path bogus = Files.writeString(home.resolve("bogus.db"), "this is not a database, just text ".repeat(100));

        CliHarness.Result r = new CliHarness(home).run("keys", "--db", bogus.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("bogus.db").doesNotContain("\tat ");
        assertThat(r.err().lines().count()).isEqualTo(1);
    }
}
