package io.keyledger.gcp.functions;

import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.alert.LogAlertSink;
import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.gcp.pubsub.PubSubAlertSink;
import io.keyledger.gcp.pubsub.PubSubPublisher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The production resources of a Cloud Run function instance: the real clients, built once each, when the
 * function first asks for them (at init). Building a client makes no network call: the gRPC channel
 * connects, and Application Default Credentials are looked up, on the first request that needs them.
 *
 * <p>The inventory store and the sweep's key sources are made by the two factories of the {@link Builder}
 * ({@link Builder#store}, {@link Builder#sweepSources}), from the settings; both are given by the
 * composition of the deployment, so that the store and the Cloud KMS key source plug in here and nowhere
 * else. Without them, asking for the store or the sweep's sources fails with a message that says so.
 */
public final class GoogleCloudResources implements GcpResources, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GoogleCloudResources.class.getName());

    private final GcpSettings settings;
    private final Clock clock;
    private final Once<PubSubPublisher> publisher;
    private final Once<InventoryStore> store;
    private final Once<SweepSources> sweepSources;

    private GoogleCloudResources(Builder b) {
        this.settings = b.settings;
        this.clock = b.clock;
        this.publisher = new Once<>(b.publisher);
        this.store = new Once<>(() -> b.store.apply(this));
        this.sweepSources = new Once<>(() -> b.sweepSources.apply(this));
    }

    /** The resources of the environment Cloud Run started the instance with. */
    public static GoogleCloudResources fromEnvironment(Map<String, String> env) {
        return builder(GcpSettings.fromEnvironment(env)).build();
    }

    /** Resources on {@code settings} whose clients, store, sources and clock may differ from Google Cloud's. */
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

    @Override
    public List<AlertSink> alertSinks() {
        List<AlertSink> sinks = new ArrayList<>();
        sinks.add(new LogAlertSink());
        settings.alertPubSubTopic().ifPresent(topic -> sinks.add(new PubSubAlertSink(publisher(), topic)));
        return sinks;
    }

    @Override
    public void close() {
        store.built().ifPresent(GoogleCloudResources::closeQuietly);
        publisher.built().ifPresent(GoogleCloudResources::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.log(Level.FINE, "closing " + closeable + " failed", e);
        }
    }

    /** Which store, key sources, publisher and clock the resources are made of. */
    public static final class Builder {
        private final GcpSettings settings;
        // An instance's clock is the assembly's one system clock; everything below takes it.
        private Clock clock = CoreServices.systemClock();
        private Supplier<PubSubPublisher> publisher = PubSubPublisher::googleCloud;
        private Function<GcpResources, InventoryStore> store = r -> {
            throw new IllegalStateException("no inventory store is configured for these functions: the composition "
                    + "gives GoogleCloudResources.Builder.store the Firestore store of " + GcpSettings.FIRESTORE_DATABASE
                    + " (" + r.settings().firestoreDatabase() + ")");
        };
        private Function<GcpResources, SweepSources> sweepSources = r -> {
            throw new IllegalStateException("no sweep sources are configured for these functions: the composition "
                    + "gives GoogleCloudResources.Builder.sweepSources the Cloud KMS key source and its scopes");
        };

        private Builder(GcpSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** The publisher (default: Pub/Sub's endpoint with Application Default Credentials), built on first use. */
        public Builder publisher(Supplier<PubSubPublisher> p) {
            this.publisher = Objects.requireNonNull(p, "publisher");
            return this;
        }

        /** Makes the inventory store from the resources (their settings, clock), on first use. */
        public Builder store(Function<GcpResources, InventoryStore> s) {
            this.store = Objects.requireNonNull(s, "store");
            return this;
        }

        /** Makes the sweep's scopes and key sources from the resources, on first use. */
        public Builder sweepSources(Function<GcpResources, SweepSources> s) {
            this.sweepSources = Objects.requireNonNull(s, "sweepSources");
            return this;
        }

        public GoogleCloudResources build() {
            return new GoogleCloudResources(this);
        }
    }
}
