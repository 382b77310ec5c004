package io.keyledger.local.cli;

import static io.keyledger.local.cli.DocumentedShell.bash;
import static io.keyledger.local.cli.DocumentedShell.testedBlock;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code keyledger export}, verified by stock OpenSSL with the command docs/FEEDS.md gives, and
 * {@code keyledger import} of that feed by a partner: recorded apart from its inventory, refused when changed.
 */
class FeedCommandsTest {

    @TempDir
    Path root;

    /** A home with a database of one tenant, from the sample events. */
    private CliHarness party(String name, String tenant) throws IOException {
        Path home = Files.createDirectories(root.resolve(name));
        CliHarness cli = new CliHarness(home);
        CliHarness.Result r = cli.run("ingest", "--tenant", tenant,
                CliHarness.write(home.resolve("in.jsonl"), CliHarness.sampleLines()).toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        return cli;
    }

    private static JsonNode guideline(CliHarness cli, String tenant, String id) {
        for (JsonNode g : cli.run("report", "evidence", "--tenant", tenant, "--format", "json").json().get("guidelines")) {
            if (g.get("id").asString().equals(id)) {
                return g;
            }
        }
        throw new AssertionError(id);
    }

    @Test
    void stockOpensslVerifiesTheExportedFeedWithTheDocumentedCommandAndNotAChangedOne() throws Exception {
        CliHarness acme = party("acme", "acme");
        Path work = Files.createDirectories(root.resolve("partner"));

        CliHarness.Result export = acme.run("export", "-o", work.resolve("feed.json").toString());

        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(export.out()).contains("Wrote feed ", "of tenant acme", work.resolve("feed.json.sig").toString());
        Files.writeString(work.resolve("acme-ledger-key.pem"), acme.run("checkpoints", "public-key").out());
        DocumentedShell.Run verified = bash(work, testedBlock("FEEDS.md", FeedCommandsTest.class));
        assertThat(verified.exitCode()).as(verified.output()).isZero();
        assertThat(verified.output().strip()).isEqualTo("Verified OK");

        Path feed = work.resolve("feed.json");
        Files.writeString(feed, Files.readString(feed).replaceFirst("\"ACTIVE\"", "\"DESTROYED\""));
        DocumentedShell.Run refused = bash(work, testedBlock("FEEDS.md", FeedCommandsTest.class));
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("Verification failure");
        assertThat(guideline(acme, "acme", "CEK-21.10").get("figures").get("feedsExported").asLong()).isEqualTo(1);
    }

    @Test
    void aPartnerImportsTheFeedAsPartnerHeldKeysOnceAndRefusesItChangedOrFromAStranger() throws Exception {
        CliHarness acme = party("acme", "acme");
        CliHarness northwind = party("northwind", "northwind");
        CliHarness stranger = party("stranger", "acme");
        Path inbox = Files.createDirectories(root.resolve("inbox"));
        assertThat(acme.run("export", "-o", inbox.resolve("acme.json").toString()).exitCode()).isZero();
        assertThat(stranger.run("export", "-o", inbox.resolve("stranger.json").toString()).exitCode()).isZero();
        Files.writeString(northwind.home.resolve("acme.pem"), acme.run("checkpoints", "public-key").out());
        Files.writeString(northwind.home.resolve("partners.json"), """
                {"partners": [{"name": "acme-cloud", "relation": "upstream", "publicKey": "acme.pem",
                  "tenants": ["northwind"], "responsibleParty": "ACME Cloud key custodians"}]}""");
        int ownKeys = northwind.run("keys", "--format", "json").json().size();

        CliHarness.Result imported = northwind.run("import", inbox.resolve("acme.json").toString());
        CliHarness.Result again = northwind.run("import", inbox.resolve("acme.json").toString());

        assertThat(imported.exitCode()).as(imported.toString()).isZero();
        assertThat(imported.out()).contains("of partner acme-cloud (upstream", "into tenant northwind", "partner-held keys recorded");
        assertThat(again.out()).contains("was imported before; nothing changed");
        JsonNode partnerKeys = northwind.run("partner-keys", "--format", "json").json();
        assertThat(partnerKeys).isNotEmpty().allSatisfy(k -> {
            assertThat(k.get("heldBy").asString()).isEqualTo("acme-cloud");
            assertThat(k.get("responsibleParty").asString()).isEqualTo("ACME Cloud key custodians");
        });
        assertThat(northwind.run("partner-keys").out()).contains("acme-cloud", "ACME Cloud key custodians");
        assertThat(northwind.run("keys", "--format", "json").json().size()).isEqualTo(ownKeys);
        JsonNode coordination = guideline(northwind, "northwind", "CEK-21.10").get("figures");
        assertThat(coordination.get("feedsImported").asLong()).isEqualTo(1);
        assertThat(coordination.get("partnerHeldKeys").asLong()).isEqualTo(partnerKeys.size());

        Path changed = inbox.resolve("changed.json");
        Files.writeString(changed, Files.readString(inbox.resolve("acme.json")).replaceFirst("\"ACTIVE\"", "\"DESTROYED\""));
        Files.copy(inbox.resolve("acme.json.sig"), inbox.resolve("changed.json.sig"));
        CliHarness.Result bad = northwind.run("import", changed.toString());
        CliHarness.Result unknown = northwind.run("import", inbox.resolve("stranger.json").toString());

        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("refused", "does not verify with the public key of partner acme-cloud",
                "nothing was stored");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("which no partner of tenant 'northwind' has");
        assertThat(northwind.run("partner-keys", "--format", "json").json().size()).isEqualTo(partnerKeys.size());
        assertThat(guideline(northwind, "northwind", "CEK-21.10").get("figures").get("feedsImported").asLong()).isEqualTo(1);
        assertThat(northwind.run("verify").exitCode()).isZero();
    }

    @Test
    void aPartnersFileWithAMistakeIsAnErrorNamingTheField() throws Exception {
        CliHarness northwind = party("northwind", "northwind");
        Files.writeString(northwind.home.resolve("partners.json"), "{\"partners\": [{\"name\": \"acme\"}]}");
        Path feed = Files.writeString(root.resolve("feed.json"), "{}");
        Files.writeString(root.resolve("feed.json.sig"), "x");

        CliHarness.Result r = northwind.run("import", feed.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("partners.json: partners[0] (acme).relation: expected a non-empty string");
    }
}
