package io.keyledger.tests.fuzz;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one fuzz target, {@code Class#method}, outside Maven: Jazzer fuzzes one target per JVM, and a Maven run per
 * target would cost more than the target's budget on a small machine. bench/fuzz.sh runs it for every target with
 * {@code JAZZER_FUZZ=1} and the duration in {@code -Djazzer.max_duration}. Exits 1 when the target found something.
 */
public final class FuzzRun {

    private FuzzRun() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: FuzzRun <fuzz test class>#<method>, e.g. DecoderFuzzTest#awsCloudTrail; or a class");
            System.exit(64);
        }
        if (!args[0].contains("#")) {
            String className = args[0].contains(".") ? args[0] : FuzzRun.class.getPackageName() + "." + args[0];
            run(args[0], LauncherDiscoveryRequestBuilder.request().selectors(selectClass(className)).build());
        }
        String[] target = args[0].split("#", 2);
        String className = target[0].contains(".") ? target[0] : FuzzRun.class.getPackageName() + "." + target[0];
        try {
            Class<?> type = Class.forName(className);
            // the fuzz test itself: a helper of the same name (AdminApiFuzzTest's request(...)) is no target
            Method method = Arrays.stream(type.getDeclaredMethods()).filter(m -> m.getName().equals(target[1])
                            && m.isAnnotationPresent(FuzzTest.class)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no fuzz target " + args[0]));
            LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectMethod(type, method)).build();
            run(args[0], request);
        } catch (ClassNotFoundException | IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(64);
        }
    }

    private static void run(String name, LauncherDiscoveryRequest request) {
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);
        TestExecutionSummary result = summary.getSummary();
        result.getFailures().forEach(f -> {
            System.err.println("FINDING in " + name + ": " + f.getException());
            Throwable cause = f.getException().getCause();
            if (cause != null) {
                cause.printStackTrace();
            }
        });
        System.err.println("fuzz target " + name + ": " + result.getTestsSucceededCount() + " passed, "
                + result.getTestsFailedCount() + " failed");
        System.exit(result.getTotalFailureCount() == 0 && result.getTestsFoundCount() > 0 ? 0 : 1);
    }
}
