package io.keyledger.azure.functions;

import com.azure.storage.queue.QueueClient;
import com.microsoft.azure.functions.spi.inject.FunctionInstanceInjector;
import io.keyledger.azure.keyvault.VaultScopes;
import io.keyledger.core.assembly.LedgerSettings;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.store.StoreParts;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.functions.auth.SigningKeys;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.azure.FunctionsContext;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.UnreachableEvents;
import io.keyledger.testkit.sweep.FakeKeySource;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * KeyLedger's function app in the test's JVM, as the Functions worker runs it: the injector found through
 * ServiceLoader, the one {@link KeyLedgerFunctions} it builds on the function catalog, and the test's
 * resources (an in-memory store that can be made to fail, fake vaults, Azurite's queue) in place of Azure's.
 */
final class FunctionApp implements AutoCloseable {

    static final String SUBSCRIPTION = "6f8a2c1e-3b4d-4e5f-9a0b-1c2d3e4f5a6b";
    static final String OTHER_SUBSCRIPTION = "0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e";
    static final Instant NOW = Instant.parse("2026-11-28T02:00:00Z");
    static final String ADMIN_OID = "6e2c3b5a-1f0d-4c8b-9a7e-2d4f6a8b0c1e";
    static final String AUDITOR_OID = "3c7e9a51-2f4b-4d8e-9a61-0b2c4d6e8f10";
    static final String ENTRA_ISSUER = "https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0";
    static final String ENTRA_AUDIENCE = "api://keyledger";
    static final String ENTRA_SUBJECT = "AAAAAAAAAAAAAAAAAAAAAIkzqFVrSaSaFHy782bbtaQ";

    /** The settings of a deployment whose subscription belongs to tenant acme, with App Service auth on. */
    static Map<String, String> settings() {
        Map<String, String> env = new HashMap<>();
        env.put(FunctionAppSettings.TENANTS, "{\"" + SUBSCRIPTION + "\": \"acme\", \"" + OTHER_SUBSCRIPTION
                + "\": \"globex\"}");
        env.put(FunctionAppSettings.APP_SERVICE_AUTH, "true");
        env.put(FunctionAppSettings.ENTRA_ISSUER, ENTRA_ISSUER);
        env.put(FunctionAppSettings.ENTRA_AUDIENCE, ENTRA_AUDIENCE);
        env.put(FunctionAppSettings.ADMIN_PRINCIPALS, """
                {"principals": [
                  {"azureObjectId": "%s", "tenants": {"acme": ["admin"]}},
                  {"azureObjectId": "%s", "tenants": {"acme": ["auditor"]}},
                  {"issuer": "%s", "subject": "%s", "tenants": {"acme": ["auditor"]}}
                ]}""".formatted(ADMIN_OID, AUDITOR_OID, ENTRA_ISSUER, ENTRA_SUBJECT));
        env.put(FunctionAppSettings.SWEEP_QUEUE, "keyledger-sweep");
        return env;
    }

    final MutableClock clock = new MutableClock(NOW);
    final InMemoryInventoryStore memory;
    /** Makes every event write fail, as a store that cannot be reached does. */
    final AtomicBoolean storeDown = new AtomicBoolean();
    final InventoryStore store;
    final FunctionAppSettings settings;
    private final KeyLedgerAzureConfiguration.ResourcesOverride override;
    final KeyLedgerFunctions functions;

    private FunctionApp(Map<String, String> env, Optional<Vaults> vaults, Optional<QueueClient> queue,
                        Optional<SigningKeys> entraKeys) throws Exception {
        this(env, vaults, queue, entraKeys, Optional.empty(), LedgerSettings.NONE);
    }

    private FunctionApp(Map<String, String> env, Optional<Vaults> vaults, Optional<QueueClient> queue,
                        Optional<SigningKeys> entraKeys, Optional<InMemoryInventoryStore> shared, LedgerSettings ledger)
            throws Exception {
        this.memory = shared.orElseGet(() -> new InMemoryInventoryStore(clock));
        this.settings = FunctionAppSettings.fromEnvironment(env);
        this.store = StoreParts.of(memory).withEvents(UnreachableEvents.whileDown(memory, storeDown::get,
                () -> new UncheckedIOException(new SocketException("Connection reset")))).compose();
        FunctionAppResources.Fixed fixed = FunctionAppResources.of(settings, clock, store, List.of()).withLedger(ledger);
        if (vaults.isPresent() && queue.isPresent()) {
            fixed = fixed.withSweeps(vaults.get(), queue.get());
        }
        if (entraKeys.isPresent()) {
            fixed = fixed.withEntraSigningKeys(entraKeys.get());
        }
        FunctionAppResources resources = fixed;
        this.override = KeyLedgerAzureConfiguration.overrideResources(() -> resources);
        FunctionInstanceInjector injector = ServiceLoader.load(FunctionInstanceInjector.class).findFirst()
                .orElseThrow(() -> new AssertionError("no FunctionInstanceInjector registered"));
        this.functions = injector.getInstance(KeyLedgerFunctions.class);
    }

    static FunctionApp start() throws Exception {
        return new FunctionApp(settings(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    static FunctionApp start(Map<String, String> env) throws Exception {
        return new FunctionApp(env, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static FunctionApp withSweeps(Map<String, String> env, Vaults vaults, QueueClient queue) throws Exception {
        return new FunctionApp(env, Optional.of(vaults), Optional.of(queue), Optional.empty());
    }

    /** An app on {@code env} whose ledger is as {@code ledger} says, on the store of {@code shared} when given. */
    static FunctionApp withLedger(Map<String, String> env, LedgerSettings ledger, Optional<InMemoryInventoryStore> shared)
            throws Exception {
        return new FunctionApp(env, Optional.empty(), Optional.empty(), Optional.empty(), shared, ledger);
    }

    static FunctionApp withEntraKeys(SigningKeys keys) throws Exception {
        return new FunctionApp(settings(), Optional.empty(), Optional.empty(), Optional.of(keys));
    }

    static FunctionsContext context(String function) {
        return new FunctionsContext("inv-" + INVOCATIONS.incrementAndGet(), function);
    }

    private static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @Override
    public void close() {
        KeyLedgerFunctionInjector.reset();
        override.close();
    }

    /** An Azure key of {@code vault} in {@code subscription}, as the key source observes it: enabled. */
    static ObservedKey key(String subscription, String vault, String name) {
        KeyRef ref = new KeyRef(Provider.AZURE, subscription, vault, "https://" + vault + ".vault.azure.net/keys/" + name);
        return new ObservedKey(ref, Map.of("state", "ACTIVE", "nativeState", "enabled"), List.of(), Optional.empty());
    }

    /** Fake vaults: each scope's key source, listed in order. */
    static final class Vaults implements VaultScopes {
        final Map<SweepScope, FakeKeySource> sources = new LinkedHashMap<>();
        final Map<String, String> unreachable = new LinkedHashMap<>();

        FakeKeySource vault(String subscription, String vault, int pageSize) {
            return sources.computeIfAbsent(new SweepScope(Provider.AZURE, subscription, vault),
                    s -> new FakeKeySource(s, pageSize));
        }

        @Override
        public ScopeListing scopes() {
            return new ScopeListing(List.copyOf(sources.keySet()), unreachable);
        }

        @Override
        public ScopeListing scopesOf(List<String> subscriptions) {
            return new ScopeListing(sources.keySet().stream().filter(s -> subscriptions.contains(s.account())).toList(),
                    Map.of());
        }

        @Override
        public KeySource keySource(SweepScope scope) {
            KeySource source = sources.get(scope);
            if (source == null) {
                throw new IllegalArgumentException("no vault " + scope.id());
            }
            return source;
        }
    }
}
