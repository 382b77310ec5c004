package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger signing key as the CLI handles it: made on first use and said so, owner-only, never in the
 * database, the checkpoints, the exports, the reports or the output; a wrong key fails verification clearly;
 * an auditor verifies a copy elsewhere with the public key alone.
 */
class LedgerKeyTest {

    @TempDir
    Path home;

    private CliHarness cli;
    private final List<String> printed = new ArrayList<>();

    @BeforeEach
    void ingest() {
        cli = new CliHarness(home);
        run(0, "ingest", "--tenant", "acme", CliHarness.write(home.resolve("in.jsonl"), CliHarness.sampleLines()).toString());
    }

    private CliHarness.Result run(int expectedExit, String... args) {
        CliHarness.Result r = cli.run(args);
        printed.add(r.out());
        printed.add(r.err());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(expectedExit);
        return r;
    }

    private Path key() {
        return home.resolve("ledger-signing-key.pem");
    }

    @Test
    void theKeyIsMadeOnFirstUseOwnerOnlyAndSaidSo() throws IOException {
        assertThat(printed.get(1)).startsWith("Created the ledger signing key " + key() + " (key id ");
        assertThat(Files.getPosixFilePermissions(key())).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        CliHarness.Result again = run(0, "legal-hold", "place", "--tenant", "acme", "--reason", "audit");
        assertThat(again.err()).as("made once").doesNotContain("Created the ledger signing key");
    }

    @Test
    void thePrivateKeyIsNeverInTheDatabaseTheCheckpointsTheExportsTheReportsOrTheOutput() throws IOException {
        run(0, "legal-hold", "place", "--tenant", "acme", "--reason", "audit");
        run(0, "verify");
        run(0, "checkpoints", "export", "-o", home.resolve("export.json").toString());
        run(0, "checkpoints", "public-key");
        run(0, "checkpoints", "public-key", "--format", "jwk");
        run(0, "report", "evidence", "--tenant", "acme", "--format", "json");
        run(0, "report", "evidence", "--tenant", "acme", "-o", home.resolve("evidence.html").toString());
        run(0, "report", "changes", "--tenant", "acme", "--format", "json");
        String pem = Files.readString(key());
        byte[] pkcs8 = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        // The private scalar is the 32 bytes after the PKCS#8 EC header: 'secret' stands for any part of it.
        String body = pem.replaceAll("-----[A-Z ]+-----|\\s", "");
        String secret = body.substring(body.length() / 2 - 16, body.length() / 2 + 16);

        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.equals(key())).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                assertThat(new String(bytes, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(secret);
                assertThat(indexOf(bytes, java.util.Arrays.copyOfRange(pkcs8, pkcs8.length - 40, pkcs8.length - 8)))
                        .as(f.toString()).isNegative();
            }
        }
        assertThat(printed).allSatisfy(text -> assertThat(text).doesNotContain(secret));
    }

    @Test
    void aWrongPublicKeyFailsVerificationClearly() throws IOException {
        Path other = home.resolve("other");
        CliHarness stranger = new CliHarness(other);
        stranger.run("ingest", "--tenant", "x", CliHarness.write(other.resolve("in.jsonl"), CliHarness.sampleLines())
                .toString());
        Path strangerKey = home.resolve("stranger.pem");
        Files.writeString(strangerKey, stranger.run("checkpoints", "public-key").out());
        String ours = run(0, "checkpoints", "public-key", "--format", "jwk").out();

        CliHarness.Result r = run(1, "verify", "--public-key", strangerKey.toString());

        assertThat(r.out()).contains("BROKEN").contains("UNSIGNED (checkpoint of record")
                .contains(": not a trusted key (key ").contains("checkpoints: FAILED").contains("1 of 1 ledger BROKEN.");
        assertThat(ours).contains("\"kid\"");
    }

    @Test
    void aNewKeyMadeAfterTheOldOneIsLostSaysSoAndTheOldCheckpointsNoLongerVerifyWithIt() throws IOException {
        Path saved = home.resolve("old-public.pem");
        Files.writeString(saved, run(0, "checkpoints", "public-key").out());
        Files.delete(key());

        CliHarness.Result made = run(0, "legal-hold", "place", "--tenant", "acme", "--reason", "after the loss");
        CliHarness.Result withNew = run(1, "verify");
        CliHarness.Result withBoth = cli.run("verify", "--public-key", saved.toString(), "--public-key",
                home.resolve("new-public.pem").toString());

        assertThat(made.err()).startsWith("Created the ledger signing key");
        assertThat(withNew.out()).contains("not a trusted key");
        assertThat(withBoth.exitCode()).isEqualTo(1);
        assertThat(withBoth.err()).contains("cannot read the public key " + home.resolve("new-public.pem"));
    }

    @Test
    void anAuditorVerifiesACopyElsewhereWithThePublicKeyAlone() throws IOException {
        Path auditor = home.resolve("auditor");
        Files.createDirectories(auditor);
        Files.copy(cli.db(), auditor.resolve("copy.db"));
        Files.copy(home.resolve("keyledger.checkpoints.jsonl"), auditor.resolve("checkpoints.jsonl"));
        Files.writeString(auditor.resolve("pub.pem"), run(0, "checkpoints", "public-key").out());
        CliHarness elsewhere = new CliHarness(auditor.resolve("empty-home"), cli.clock, "auditor");

        CliHarness.Result ok = elsewhere.run("verify", "--db", auditor.resolve("copy.db").toString(),
                "--public-key", auditor.resolve("pub.pem").toString(),
                "--checkpoints", auditor.resolve("checkpoints.jsonl").toString());
        CliHarness.Result noKey = elsewhere.run("verify", "--db", auditor.resolve("copy.db").toString());

        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.out()).contains("checkpoints: verified").contains("also in the checkpoints file")
                .contains("Ledger intact.");
        assertThat(noKey.exitCode()).isEqualTo(1);
        assertThat(noKey.err()).contains("no ledger signing key at").contains("give its public key with --public-key FILE");
        assertThat(auditor.resolve("empty-home/ledger-signing-key.pem")).doesNotExist();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
