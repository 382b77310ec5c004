package io.keyledger.infra.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.keyledger.aws.kms.AwsSweepOperation;
import io.keyledger.aws.kms.AwsSweepOperation.Caller;
import io.keyledger.aws.kms.AwsSweepOperation.Purpose;
import io.keyledger.aws.ledger.AwsLedgerOperation;
import io.keyledger.infra.aws.Permissions.LedgerRole;
import io.keyledger.infra.aws.Permissions.SweepRole;

import org.junit.jupiter.api.Test;

/**
 * The permission tables of docs/PERMISSIONS.md and docs/aws/SWEEPS.md are generated from what the sweep
 * declares ({@link AwsSweepOperation}) and from the rule the templates grant it by ({@link Permissions}), so
 * that they cannot drift from either. To rewrite them after a change:
 * {@code mvn -o -B -pl infra -am test -Dtest=PermissionsDocTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dkeyledger.writeDocs=true}.
 */
class PermissionsDocTest {

    static final Path PERMISSIONS = Path.of("..", "docs", "PERMISSIONS.md");
    static final Path SWEEPS = Path.of("..", "docs", "aws", "SWEEPS.md");

    private static final Pattern SECTION = Pattern.compile(
            "(<!-- BEGIN GENERATED ([a-z-]+) -->\\n)(.*?)(<!-- END GENERATED \\2 -->)", Pattern.DOTALL);

    /** How the docs write the names a template fills in. */
    static final Permissions.Names PLACEHOLDERS = new Permissions.Names("<partition>", "<account>", "<memberRoleName>");

    static String grants() {
        List<String> rows = new ArrayList<>();
        rows.add("| operation | IAM action | resource | sweepFanOut | sweepWorker | member role |");
        rows.add("|---|---|---|---|---|---|");
        for (AwsSweepOperation o : AwsSweepOperation.values()) {
            boolean always = Permissions.sweepOperations(SweepRole.FAN_OUT, false).contains(o);
            String fanOut = always ? "✓" : Permissions.sweepOperations(SweepRole.FAN_OUT, true).contains(o)
                    ? "✓ when `accounts` is empty" : "";
            rows.add(row(o.operation().service() + " `" + o.operationName() + "`",
                    "`" + o.operation().permission() + "`",
                    "`" + Permissions.resource(o.operation(), PLACEHOLDERS) + "`",
                    fanOut,
                    Permissions.sweepOperations(SweepRole.WORKER, true).contains(o) ? "✓" : "",
                    Permissions.sweepOperations(SweepRole.MEMBER_ROLE, true).contains(o) ? "✓" : ""));
        }
        return String.join("\n", rows) + "\n";
    }

    /** How the docs write the ledger's resources, which the central stack creates. */
    static final Permissions.LedgerResources LEDGER_PLACEHOLDERS = new Permissions.LedgerResources(
            "<ledger key>", "<ledger bucket>", "<checkpoint queue>");

    static String ledgerGrants() {
        List<String> rows = new ArrayList<>();
        rows.add("| operation | IAM action | resource | writers | signCheckpoints | maintainLedger |");
        rows.add("|---|---|---|---|---|---|");
        for (AwsLedgerOperation o : AwsLedgerOperation.values()) {
            String resource = "`" + LEDGER_PLACEHOLDERS.arn(o.target()) + "`"
                    + (o.target() == AwsLedgerOperation.Target.CHECKPOINT_PREFIX ? " (prefix `checkpoints/`)" : "");
            rows.add(row(o.operation().service() + " `" + o.operation().name() + "`",
                    "`" + o.operation().permission() + "`", resource,
                    LedgerRole.WRITER.operations().contains(o) ? "✓" : "",
                    LedgerRole.SIGNER.operations().contains(o) ? "✓" : "",
                    LedgerRole.MAINTAINER.operations().contains(o) ? "✓" : ""));
        }
        return String.join("\n", rows) + "\n";
    }

    static String operations() {
        List<String> rows = new ArrayList<>();
        rows.add("| Operation | IAM action | Resource | Sent with | Sent for |");
        rows.add("|---|---|---|---|---|");
        for (AwsSweepOperation o : AwsSweepOperation.values()) {
            rows.add(row("`" + o.operationName() + "`", "`" + o.operation().permission() + "`",
                    "`" + Permissions.resource(o.operation(), PLACEHOLDERS) + "`", caller(o.caller()), purpose(o.purpose())));
        }
        return String.join("\n", rows) + "\n";
    }

    static String caller(Caller caller) {
        return switch (caller) {
            case SWEEP -> "the sweep's own role";
            case SWEPT_ACCOUNT -> "the member role (the sweep's own role in `KEYLEDGER_OWN_ACCOUNT`)";
        };
    }

    static String purpose(Purpose purpose) {
        return switch (purpose) {
            case READ_KEYS -> "reading a scope's keys (`KmsKeySource`)";
            case FIND_SCOPES -> "finding the accounts and Regions (`AwsSweepScopes`)";
            case REACH_ACCOUNTS -> "the member role's sessions";
        };
    }

    static Map<Path, Map<String, String>> sections() {
        Map<Path, Map<String, String>> out = new LinkedHashMap<>();
        out.put(PERMISSIONS, Map.of("aws-sweep-grants", grants(), "aws-ledger-grants", ledgerGrants()));
        out.put(SWEEPS, Map.of("aws-sweep-operations", operations()));
        return out;
    }

    @Test
    void theDocsPermissionTablesAreWhatTheSweepDeclaresAndTheTemplatesGrant() throws IOException {
        for (Map.Entry<Path, Map<String, String>> doc : sections().entrySet()) {
            String text = Files.readString(doc.getKey(), StandardCharsets.UTF_8);
            if (Boolean.getBoolean("keyledger.writeDocs")) {
                text = regenerate(text, doc.getValue());
                Files.writeString(doc.getKey(), text, StandardCharsets.UTF_8);
            }
            Map<String, String> inDoc = sectionsIn(text);
            assertThat(inDoc.keySet()).as("generated sections of " + doc.getKey())
                    .containsExactlyInAnyOrderElementsOf(doc.getValue().keySet());
            doc.getValue().forEach((name, table) -> assertThat(inDoc.get(name))
                    .as("section %s of %s; regenerate as this test's comment says", name, doc.getKey()).isEqualTo(table));
        }
    }

    @Test
    void everyDeclaredOperationHasARowAndSomeoneWhoIsGrantedIt() {
        String grants = grants();
        for (AwsSweepOperation o : AwsSweepOperation.values()) {
            assertThat(grants).contains("`" + o.operation().permission() + "`");
            assertThat(List.of(SweepRole.values())).as(o.name())
                    .anyMatch(role -> Permissions.sweepOperations(role, true).contains(o));
        }
    }

    @Test
    void everyLedgerOperationIsGrantedToSomeoneAndSignOnlyToTheSigningFunctions() {
        for (AwsLedgerOperation o : AwsLedgerOperation.values()) {
            assertThat(List.of(LedgerRole.values())).as(o.name()).anyMatch(role -> role.operations().contains(o));
        }
        assertThat(LedgerRole.WRITER.operations()).noneMatch(o -> o.purpose() == AwsLedgerOperation.Purpose.SIGN
                || o.purpose() == AwsLedgerOperation.Purpose.ANCHOR || o.purpose() == AwsLedgerOperation.Purpose.ARCHIVE);
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private static Map<String, String> sectionsIn(String document) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = SECTION.matcher(document);
        while (m.find()) {
            out.put(m.group(2), m.group(3));
        }
        return out;
    }

    private static String regenerate(String document, Map<String, String> sections) {
        Matcher m = SECTION.matcher(document);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String body = sections.getOrDefault(m.group(2), m.group(3));
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + body + m.group(4)));
        }
        m.appendTail(out);
        return out.toString();
    }
}
