package io.keyledger.local.cli;

import io.keyledger.core.access.AccessLedger;
import io.keyledger.core.access.Role;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.functions.auth.LocalTokenIssuer;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keyledger token}: prints a bearer token that the local server ({@code keyledger serve}) with
 * the same home accepts. The signing key stays in the home directory; only the token is printed.
 */
@Command(name = "token",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Prints a bearer token for the local admin API.",
                "%nThe token is signed with the key kept in the KeyLedger home (made on first use, owner-only) and "
                        + "is accepted by 'keyledger serve' with the same home, and by nothing else. Use it as "
                        + "'Authorization: Bearer <token>'. The issue is ledgered in the tenant (subject, role, "
                        + "expiry, never the token): the evidence counts it as a role grant until it expires."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:The token was printed.", "1:An error (the message says which).", ExitCodes.USAGE_LINE})
final class TokenCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--tenant", paramLabel = "TENANT", required = true, description = "The tenant the token acts in.")
    private String tenant;

    @Option(names = "--role", paramLabel = "ROLE", required = true,
            description = "viewer, auditor, custodian or admin.")
    private String role;

    @Option(names = "--subject", paramLabel = "NAME",
            description = "Who the token stands for in the ledger (default: the local user name).")
    private String subject;

    @Option(names = "--ttl", paramLabel = "DURATION", defaultValue = "PT8H",
            description = "How long the token is valid, ISO-8601 (default: ${DEFAULT-VALUE}; at most 30 days).")
    private Duration ttl;

    TokenCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Role r = parseRole(role);
        LocalTokenIssuer issuer = LocalTokenIssuer.inDirectory(home.home(), context.clock());
        Map<String, Set<Role>> roles = new LinkedHashMap<>();
        roles.put(tenant, EnumSet.of(r));
        LocalTokenIssuer.Issued issued;
        try {
            issued = issuer.issued(subject == null ? context.userName() : subject, roles, ttl);
        } catch (IllegalArgumentException e) {
            throw new CliException("cannot issue a token: " + e.getMessage());
        }
        // Every token is a role grant: the ledger keeps it for the evidence and access reviews (CEK-21.5).
        try (LocalSession session = LocalSession.open(context, home, home.database())) {
            CoreServices services = session.services();
            AccessLedger access = new AccessLedger(session.store(), context.clock(), services.retention(),
                    services.checkpointRequests());
            issued.roles().forEach((t, granted) -> access.tokenIssued(t, issued.subject(), granted, issued.issuedAt(),
                    issued.expiresAt(), issued.tokenId(), session.actorId()));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(issued.token());
        out.flush();
        return ExitCodes.OK;
    }

    private static Role parseRole(String name) {
        try {
            Role r = Role.valueOf(name.trim().toUpperCase(Locale.ROOT));
            if (r != Role.SYSTEM) {
                return r;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new CliException("--role: unknown role '" + name + "' (expected viewer, auditor, custodian or admin)");
    }
}
