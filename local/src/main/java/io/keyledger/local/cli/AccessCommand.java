package io.keyledger.local.cli;

import io.keyledger.core.access.AccessFacts;
import io.keyledger.core.access.Operation;
import io.keyledger.core.access.RoleGrant;
import io.keyledger.core.access.RoleGrants;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keyledger access}: who holds which role in each tenant (the local API tokens issued and not yet
 * expired), the requests refused, and when access was last reviewed; {@code access review} records a review.
 */
@Command(name = "access",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Shows who holds which role, the requests refused, and the last access review.",
                "%nThe local admin API's callers hold the tokens of 'keyledger token', each ledgered when issued; a "
                        + "token holds its role until it expires. Refused API requests are counted in the ledger. "
                        + "'keyledger access review' records that the grants listed here were reviewed: the CEK-21 "
                        + "evidence needs a review within 90 days covering every grant. At the command line, whoever "
                        + "can open the database acts as admin of every tenant in it."},
        subcommands = {AccessReviewCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {ExitCodes.OK_LINE, ExitCodes.ERROR_LINE, ExitCodes.USAGE_LINE})
final class AccessCommand implements Callable<Integer> {

    private static final List<Column<Row>> COLUMNS = List.of(
            Column.of("TENANT", Row::tenant),
            Column.of("PRINCIPAL", r -> r.grant().principal()),
            Column.of("ROLE", r -> r.grant().role().name().toLowerCase(Locale.ROOT)),
            Column.of("FROM", r -> r.grant().source() == RoleGrant.Source.LOCAL_TOKEN ? "local token" : "principal mapping"),
            Column.of("UNTIL", r -> r.grant().expiresAt().map(Object::toString).orElse("-")),
            Column.of("REVIEWED", r -> r.reviewed() ? "yes" : "NO"));

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", description = "Only this tenant.")
    private String tenant;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "table or json (default: ${DEFAULT-VALUE}).")
    private OutputFormat format;

    AccessCommand(CliContext context) {
        this.context = context;
    }

    /** One grant of one tenant, and whether the last review covered it. */
    record Row(String tenant, RoleGrant grant, boolean reviewed) {
    }

    @Override
    public Integer call() {
        if (format == OutputFormat.CSV) {
            throw new CliException("--format: table or json");
        }
        List<Row> rows = new ArrayList<>();
        List<Map<String, Object>> json = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        try (LocalSession session = LocalSession.openExisting(context, home)) {
            for (String t : session.tenants(Optional.ofNullable(tenant), Operation.READ_ACCESS)) {
                AccessFacts facts = AccessFacts.gather(session.store(), t, context.clock().instant());
                List<RoleGrant> grants = facts.grants(RoleGrants.NONE, t);
                List<RoleGrant> unreviewed = facts.notReviewed(grants);
                grants.forEach(g -> rows.add(new Row(t, g, !unreviewed.contains(g))));
                summaries.add(t + ": " + grants.size() + " grants, " + unreviewed.size() + " not reviewed; "
                        + facts.requestsRefused() + " requests refused"
                        + facts.lastRefusedAt().map(at -> " (latest " + at + ")").orElse("") + "; "
                        + facts.lastReview().map(r -> "last reviewed " + r.at() + " by " + r.by())
                        .orElse("access never reviewed"));
                json.add(json(t, facts, grants, unreviewed));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (format == OutputFormat.JSON) {
            JsonOutput.print(out, json);
            return ExitCodes.OK;
        }
        if (rows.isEmpty()) {
            out.println("No role grants: issue tokens with 'keyledger token'.");
        } else {
            Table.print(out, COLUMNS, rows);
        }
        summaries.forEach(out::println);
        out.flush();
        return ExitCodes.OK;
    }

    private static Map<String, Object> json(String tenant, AccessFacts facts, List<RoleGrant> grants,
                                            List<RoleGrant> unreviewed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tenant", tenant);
        m.put("grants", grants.stream().map(g -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("principal", g.principal());
            row.put("role", g.role().name().toLowerCase(Locale.ROOT));
            row.put("source", g.source() == RoleGrant.Source.LOCAL_TOKEN ? "local-token" : "principal-mapping");
            row.put("expiresAt", g.expiresAt().map(Object::toString).orElse(null));
            row.put("reviewed", !unreviewed.contains(g));
            return row;
        }).toList());
        m.put("tokensIssued", facts.tokensIssued());
        m.put("requestsRefused", facts.requestsRefused());
        m.put("refusedByOperation", facts.refusedByOperation());
        m.put("lastReview", facts.lastReview().map(r -> {
            Map<String, Object> review = new LinkedHashMap<>();
            review.put("at", r.at().toString());
            review.put("by", r.by());
            review.put("note", r.note());
            return review;
        }).orElse(null));
        return m;
    }
}
