package io.keyledger.infra.aws;

import java.nio.file.Files;
import java.nio.file.Path;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The CDK app that {@code infra/aws/cdk.json} runs: the central stack {@value #STACK} and the
 * member-account role {@value #MEMBER_STACK}. Settings come from CDK context
 * ({@link DeploymentSettings}).
 */
public final class KeyLedgerApp {

    public static final String STACK = "KeyLedger";
    public static final String MEMBER_STACK = "KeyLedgerMemberRole";

    private KeyLedgerApp() {
    }

    public static void main(String[] args) {
        synth(new App(), repositoryRoot(Path.of("").toAbsolutePath()));
    }

    /** Adds both stacks to {@code app} and synthesises it. */
    public static CloudAssembly synth(App app, Path repositoryRoot) {
        var settings = DeploymentSettings.fromContext(app.getNode()::tryGetContext, repositoryRoot);
        new KeyLedgerStack(app, STACK, StackProps.builder()
                .description("KeyLedger: multi-cloud key inventory (central account)")
                .build(), settings);
        new MemberRoleStack(app, MEMBER_STACK, StackProps.builder()
                .description("KeyLedger: read-only KMS inventory role for the central account's sweeps")
                .build());
        Tags.of(app).add("application", "keyledger");
        return app.synth();
    }

    /**
     * The repository root: the nearest directory at or above {@code start} that holds
     * {@code infra/pom.xml}. The CDK CLI runs the app from {@code infra/aws}.
     */
    static Path repositoryRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isRegularFile(dir.resolve("infra/pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no KeyLedger repository (a directory with infra/pom.xml) at or above " + start);
    }
}
