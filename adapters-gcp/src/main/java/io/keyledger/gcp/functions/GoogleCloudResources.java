package io.keyledger.gcp.functions;

import com.google.cloud.firestore.Firestore;
import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.alert.LogAlertSink;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.core.sweep.Sleeper;
import io.keyledger.functions.auth.SigningKeys;
import io.keyledger.gcp.cloudkms.GcpClients;
import io.keyledger.gcp.cloudkms.GcpSweepScopes;
import io.keyledger.gcp.firestore.FirestoreRequestCounter;
import io.keyledger.gcp.pubsub.PubSubAlertSink;
import io.keyledger.gcp.pubsub.PubSubPublisher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

/**
 * The production resources of a Cloud Run function instance: the real clients, built once each, when the
 * function first asks for them (at init). Building a client makes no network call: the gRPC channels
 * connect, and Application Default Credentials are looked up, on the first request that needs them.
 *
 * <ul>
 *   <li>The inventory store is the Firestore store ({@code FirestoreInventoryStore}) on the database of
 *       {@link GcpSettings#firestore()}, its requests counted in {@link #firestoreRequests()}.</li>
 *   <li>The sweep's scopes and key sources are {@link GcpSweepScopes} and its paced Cloud KMS key sources on
 *       {@link GcpClients} with the instance's service account, for {@link GcpSettings#sweepConfig()}.</li>
 *   <li>Pub/Sub, for the sweep topic and the alert topic, is {@link PubSubPublisher#googleCloud()}.</li>
 * </ul>
 *
 * <p>The {@link Builder} replaces a client (an emulator's, a fake's) or a whole part (a test's store). Closing
 * the resources closes every client they built; the Spring context of an entry point closes them with itself
 * (they are its {@code AutoCloseable} bean), and Spring Boot closes the context when Cloud Run stops the
 * instance (SIGTERM).
 */
public final class GoogleCloudResources implements GcpResources, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GoogleCloudResources.class.getName());

    private final GcpSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final RandomGenerator random;
    private final Optional<SigningKeys> googleSigningKeys;
    private final FirestoreRequestCounter firestoreRequests = new FirestoreRequestCounter();
    private final Once<PubSubPublisher> publisher;
    private final Once<Firestore> firestore;
    private final Once<GcpClients> sweepClients;
    private final Once<InventoryStore> store;
    private final Once<SweepSources> sweepSources;

    private GoogleCloudResources(Builder b) {
        this.settings = b.settings;
        this.clock = b.clock;
        this.sleeper = b.sleeper;
        this.random = b.random;
        this.googleSigningKeys = b.googleSigningKeys;
        this.publisher = new Once<>(b.publisher);
        this.firestore = new Once<>(b.firestore.orElse(() -> settings.firestore().client()));
        this.sweepClients = new Once<>(b.sweepClients);
        this.store = new Once<>(() -> b.store.map(f -> f.apply(this)).orElseGet(this::firestoreStore));
        this.sweepSources = new Once<>(() -> b.sweepSources.map(f -> f.apply(this)).orElseGet(this::cloudKmsSources));
    }

    /** The resources of the environment Cloud Run started the instance with. */
    public static GoogleCloudResources fromEnvironment(Map<String, String> env) {
        return builder(GcpSettings.fromEnvironment(env)).build();
    }

    /** Resources on {@code settings} whose clients, parts and clock may differ from Google Cloud's. */
    public static Builder builder(GcpSettings settings) {
        return new Builder(settings);
    }

    @Override
    public GcpSettings settings() {
        return settings;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public InventoryStore store() {
        return store.get();
    }

    @Override
    public PubSubPublisher publisher() {
        return publisher.get();
    }

    @Override
    public SweepSources sweepSources() {
        return sweepSources.get();
    }

    /** The keys the builder gave, else Google's (only the admin API asks: the others never load the JOSE library). */
    @Override
    public SigningKeys googleSigningKeys() {
        return googleSigningKeys.orElseGet(GcpResources.super::googleSigningKeys);
    }

    @Override
    public List<AlertSink> alertSinks() {
        List<AlertSink> sinks = new ArrayList<>();
        sinks.add(new LogAlertSink());
        settings.alertPubSubTopic().ifPresent(topic -> sinks.add(new PubSubAlertSink(publisher(), topic)));
        return sinks;
    }

    /** The Firestore store's requests (per method, documents read and written), for logs and metrics. */
    public FirestoreRequestCounter firestoreRequests() {
        return firestoreRequests;
    }

    private InventoryStore firestoreStore() {
        return settings.firestore().store(firestore.get(), clock, firestoreRequests);
    }

    private SweepSources cloudKmsSources() {
        return new CloudKmsSweepSources(new GcpSweepScopes(settings.sweepConfig(), sweepClients.get(), clock, sleeper,
                random));
    }

    /** Closes what was built: the store, then the clients under it. */
    @Override
    public void close() {
        store.built().ifPresent(GoogleCloudResources::closeQuietly);
        firestore.built().ifPresent(GoogleCloudResources::closeQuietly);
        sweepClients.built().ifPresent(GoogleCloudResources::closeQuietly);
        publisher.built().ifPresent(GoogleCloudResources::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing " + closeable + " failed", e);
        }
    }

    /** Which clients, parts and clock the resources are made of; each default is Google Cloud's. */
    public static final class Builder {
        private final GcpSettings settings;
        // An instance's clock is the assembly's one system clock; everything below takes it.
        private Clock clock = CoreServices.systemClock();
        private Sleeper sleeper = Sleeper.threads();
        private RandomGenerator random = new Random();
        private Optional<SigningKeys> googleSigningKeys = Optional.empty();
        private Supplier<PubSubPublisher> publisher = PubSubPublisher::googleCloud;
        private Optional<Supplier<Firestore>> firestore = Optional.empty();
        private Supplier<GcpClients> sweepClients = GcpClients::applicationDefault;
        private Optional<Function<GcpResources, InventoryStore>> store = Optional.empty();
        private Optional<Function<GcpResources, SweepSources>> sweepSources = Optional.empty();

        private Builder(GcpSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** How the sweep waits for its turn in a project's read quota (default: the thread sleeps). */
        public Builder sleeper(Sleeper s) {
            this.sleeper = Objects.requireNonNull(s, "sleeper");
            return this;
        }

        /** The jitter of the sweep's backoff. */
        public Builder random(RandomGenerator r) {
            this.random = Objects.requireNonNull(r, "random");
            return this;
        }

        /** The keys the admin API checks ID tokens with (default: Google's published JWK set, fetched on first use). */
        public Builder googleSigningKeys(SigningKeys keys) {
            this.googleSigningKeys = Optional.of(Objects.requireNonNull(keys, "googleSigningKeys"));
            return this;
        }

        /** The publisher (default: Pub/Sub's endpoint with Application Default Credentials), built on first use. */
        public Builder publisher(Supplier<PubSubPublisher> p) {
            this.publisher = Objects.requireNonNull(p, "publisher");
            return this;
        }

        /** The Firestore client of the store (default: {@link GcpSettings#firestore()}'s), built on first use. */
        public Builder firestore(Supplier<Firestore> f) {
            this.firestore = Optional.of(Objects.requireNonNull(f, "firestore"));
            return this;
        }

        /** The sweep's Google clients (default: {@link GcpClients#applicationDefault()}), built on first use. */
        public Builder sweepClients(Supplier<GcpClients> c) {
            this.sweepClients = Objects.requireNonNull(c, "sweepClients");
            return this;
        }

        /** Another inventory store than the Firestore one, made from the resources on first use. */
        public Builder store(Function<GcpResources, InventoryStore> s) {
            this.store = Optional.of(Objects.requireNonNull(s, "store"));
            return this;
        }

        /** Other scopes and key sources than Cloud KMS's, made from the resources on first use. */
        public Builder sweepSources(Function<GcpResources, SweepSources> s) {
            this.sweepSources = Optional.of(Objects.requireNonNull(s, "sweepSources"));
            return this;
        }

        public GoogleCloudResources build() {
            return new GoogleCloudResources(this);
        }
    }
}
