package io.keyledger.local.cli;

import static io.keyledger.local.cli.CliHarness.AWS_PROD;
import static io.keyledger.local.cli.CliHarness.awsKey;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

class LegalHoldCommandTest {

    private static final String PAYMENTS = awsKey(AWS_PROD, "k-payments");

    @TempDir
    Path home;

    private CliHarness cli;

    @BeforeEach
    void ingestSample() {
        cli = new CliHarness(home);
        cli.ingestSample();
    }

    private List<String> ledgerPayloads(String type) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + cli.db());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT payload FROM ledger WHERE type = '" + type + "' ORDER BY sequence")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void placesListsAndLiftsHolds() throws SQLException {
        CliHarness.Result onKey = cli.run("legal-hold", "place", "--tenant", "default", "--key", PAYMENTS,
                "--reason", "Case 2026-17: payments dispute");
        CliHarness.Result onTenant = cli.run("legal-hold", "place", "--tenant", "default", "--reason", "Audit FY2025");

        assertThat(onKey.exitCode()).as(onKey.toString()).isZero();
        assertThat(onKey.out()).startsWith("Placed legal hold on key " + PAYMENTS + " in tenant default by local:tester at 2026-03-01T12:00:00Z");
        assertThat(onTenant.exitCode()).isZero();
        assertThat(onTenant.out()).startsWith("Placed legal hold on tenant default");

        CliHarness.Result table = cli.run("legal-hold", "list");
        assertThat(table.out()).contains("TENANT").contains("(whole tenant)").contains(PAYMENTS)
                .contains("Case 2026-17: payments dispute").contains("local:tester");

        JsonNode holds = cli.run("legal-hold", "list", "--tenant", "default", "--format", "json").json();
        assertThat(holds.size()).isEqualTo(2);
        assertThat(holds.findValuesAsString("reason")).containsExactlyInAnyOrder("Case 2026-17: payments dispute", "Audit FY2025");

        CliHarness.Result lift = cli.run("legal-hold", "lift", "--tenant", "default", "--key", PAYMENTS);
        assertThat(lift.exitCode()).as(lift.toString()).isZero();
        assertThat(lift.out()).contains("Lifted legal hold on key " + PAYMENTS + " in tenant default by local:tester");
        JsonNode remaining = cli.run("legal-hold", "list", "--format", "json").json();
        assertThat(remaining.size()).isEqualTo(1);
        assertThat(remaining.get(0).get("keyId").isNull()).isTrue();

        assertThat(ledgerPayloads("LEGAL_HOLD_PLACED")).hasSize(2).allMatch(p -> p.contains("local:tester"));
        assertThat(ledgerPayloads("LEGAL_HOLD_LIFTED")).singleElement().asString().contains("local:tester");
        assertThat(cli.run("verify").exitCode()).isZero();
    }

    @Test
    void saysWhenAHoldIsReplaced() {
        cli.run("legal-hold", "place", "--tenant", "default", "--reason", "first");

        CliHarness.Result again = cli.run("legal-hold", "place", "--tenant", "default", "--reason", "second");

        assertThat(again.out()).startsWith("Replaced legal hold on tenant default");
        assertThat(cli.run("legal-hold", "list", "--format", "csv").out())
                .isEqualTo("tenant,keyId,placedAt,placedBy,reason\r\ndefault,,2026-03-01T12:00:00Z,local:tester,second\r\n");
    }

    @Test
    void failsToLiftAHoldThatIsNotThere() {
        CliHarness.Result r = cli.run("legal-hold", "lift", "--tenant", "default", "--key", PAYMENTS);

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("no legal hold on key " + PAYMENTS + " in tenant default");
    }

    /** Regression (issue 13): a key the inventory did not list could not be held, so its late events expired. */
    @Test
    void holdsAKeyTheInventoryDoesNotListAndSaysSo() {
        CliHarness.Result key = cli.run("legal-hold", "place", "--tenant", "default", "--key", "aws:destroyed-long-ago",
                "--reason", "x");

        assertThat(key.exitCode()).as(key.toString()).isZero();
        assertThat(key.out()).contains("Placed legal hold on key aws:destroyed-long-ago in tenant default")
                .contains("Note: tenant default lists no key 'aws:destroyed-long-ago'");
        assertThat(cli.run("legal-hold", "list").out()).contains("aws:destroyed-long-ago");
    }

    @Test
    void refusesUnknownTenants() {
        CliHarness.Result tenant = cli.run("legal-hold", "place", "--tenant", "nobody", "--reason", "x");

        assertThat(tenant.exitCode()).isEqualTo(1);
        assertThat(tenant.err()).contains("no tenant 'nobody'");
        assertThat(cli.run("legal-hold", "list").out()).contains("No legal holds.");
    }

    @Test
    void needsATenantAndAReason() {
        assertThat(cli.run("legal-hold", "place", "--tenant", "default").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("legal-hold", "place", "--reason", "x").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli.run("legal-hold", "place", "--tenant", "default", "--reason", " ").exitCode()).isEqualTo(1);
        assertThat(cli.run("legal-hold").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
