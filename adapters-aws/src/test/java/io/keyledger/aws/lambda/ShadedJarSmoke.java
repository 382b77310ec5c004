package io.keyledger.aws.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.aws.LambdaContext;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * Runs one event through the shaded jar's entry point in a JVM of its own, as Lambda does: the
 * environment names MAIN_CLASS and the function; only the store is in memory. Prints the response and
 * the number of keys stored, one line each.
 */
public final class ShadedJarSmoke {

    private ShadedJarSmoke() {
    }

    public static void main(String[] args) throws IOException {
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        Clock clock = Clock.fixed(Instant.parse("2026-03-01T12:00:00Z"), ZoneOffset.UTC);
        InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
        LambdaSettings settings = LambdaSettings.fromEnvironment(System.getenv());
        KeyLedgerLambdaConfiguration.overrideResources(() -> LambdaResources.of(settings, clock, store,
                object -> {
                    throw new IOException("this run reads no objects");
                }, List.of()));
        FunctionInvoker invoker = new FunctionInvoker();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Context context = new LambdaContext("5eed0000-0000-4000-8000-000000000001", "keyledger-smoke");
        invoker.handleRequest(new ByteArrayInputStream(event), out, context);
        System.out.println("RESPONSE " + out.toString(StandardCharsets.UTF_8));
        System.out.println("KEYS " + store.assets(settings.tenants().fallback(), AssetQuery.ALL, PageRequest.first(100))
                .items().size());
    }
}
