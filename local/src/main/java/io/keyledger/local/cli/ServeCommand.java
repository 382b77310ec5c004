package io.keyledger.local.cli;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.tenant.TenantMapping;
import io.keyledger.core.access.RoleGrants;
import io.keyledger.functions.api.AdminApi;
import io.keyledger.functions.feed.CoordinationFeeds;
import io.keyledger.functions.auth.LocalTokenIssuer;
import io.keyledger.functions.report.ReportService;
import io.keyledger.local.server.LocalHttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code keyledger serve}: the admin API on 127.0.0.1, over the local database. It never runs without
 * authentication: it accepts the bearer tokens of {@code keyledger token} (same home) and nothing else.
 */
@Command(name = "serve",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {"Serves the admin API on 127.0.0.1 over the local database.",
                "%nEvery request needs 'Authorization: Bearer <token>' with a token from 'keyledger token' "
                        + "(same home). The API is described at /openapi.json and in docs/API.md. Stop it with Ctrl-C."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:The server was stopped.", "1:It could not start (the message says why).",
                ExitCodes.USAGE_LINE})
final class ServeCommand implements Callable<Integer> {

    private final CliContext context;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);

    @Spec
    private CommandSpec spec;

    @Mixin
    private HomeOptions home;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8642",
            description = "TCP port on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int port;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "8",
            description = "Requests served at once (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--snapshots", paramLabel = "DIR",
            description = "Saved provider listings that POST /sweeps reconciles (layouts in docs/providers/).")
    private Path snapshots;

    @Option(names = "--partners", paramLabel = "FILE",
            description = "Partners whose feeds POST /imports accepts, JSON (default: <home>/partners.json when it "
                    + "exists). See docs/FEEDS.md.")
    private Path partners;

    ServeCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new CliException("--port: expected 0 to 65535, not " + port);
        }
        if (threads < 1 || threads > 256) {
            throw new CliException("--threads: expected 1 to 256, not " + threads);
        }
        if (snapshots != null && !Files.isDirectory(snapshots)) {
            throw new CliException("--snapshots: " + snapshots + " is not a directory");
        }
        PrintWriter out = spec.commandLine().getOut();
        TenantMapping tenants = TenantsConfig.load(home.tenantsFile());
        LocalTokenIssuer issuer = LocalTokenIssuer.inDirectory(home.home(), context.clock());
        try (LocalSession session = LocalSession.open(context, home, home.database())) {
            Thread stopOnSignal = new Thread(this::stopAndWaitUntilClosed, "keyledger-serve-stop");
            CoreServices services = session.services(LocalAlerts.settings(home).withTenants(tenants)
                    .withLimits(TenantsConfig.limits(home.tenantsFile())));
            ReportService reports = ReportService.of(services);
            CoordinationFeeds feeds = CoordinationFeeds.of(services, reports, FeedOptions.partners(partners, home),
                    Optional.of(session.store().partnerKeys()));
            AdminApi api = new AdminApi(services, issuer.authenticator(), reports,
                    new SnapshotSweepLauncher(Optional.ofNullable(snapshots), services), CursorKeyFile.load(home.home()),
                    RoleGrants.NONE, Optional.of(feeds));
            LocalHttpServer server;
            try {
                server = LocalHttpServer.start(port, threads, api);
            } catch (java.net.BindException e) {
                throw new CliException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage()
                        + " (choose another --port)");
            }
            try (server) {
                Runtime.getRuntime().addShutdownHook(stopOnSignal);
                out.println("KeyLedger admin API listening on " + server.url() + " (database " + session.dbFile() + ")");
                out.println("Get a token: keyledger token --tenant TENANT --role viewer|auditor|custodian|admin"
                        + (home.homeGiven() ? " --home " + home.home() : ""));
                out.flush();
                stopped.await();
            }
        } finally {
            closed.countDown();
        }
        return ExitCodes.OK;
    }

    /** On Ctrl-C: lets the serving thread close the server and the database before the JVM ends. */
    private void stopAndWaitUntilClosed() {
        stopped.countDown();
        try {
            closed.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
