package io.keyledger.gcp.functions;

import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.functions.auth.OidcSettings;
import io.keyledger.functions.auth.SigningKeys;
import io.keyledger.gcp.pubsub.PubSubPublisher;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the functions of one Cloud Run function instance share: its settings, clock, inventory store,
 * alert sinks, the Pub/Sub publisher, and for the sweep functions the scopes with their key sources. Built
 * once per instance; a function asks only for the parts it uses, so a production implementation builds each
 * part (and its client) on first request, which happens while the function is built at init, never while
 * a request is handled; and building a part makes no network call.
 *
 * <p>{@link GoogleCloudResources} is the production implementation; tests and harnesses pass their own
 * through {@link #of} and {@link KeyLedgerGcpConfiguration#overrideResources}.
 */
public interface GcpResources {

    GcpSettings settings();

    Clock clock();

    InventoryStore store();

    /** Where raised alerts go beside the store. */
    List<AlertSink> alertSinks();

    /** Publishes the sweep's scope messages (and the alerts of a Pub/Sub alert sink). */
    PubSubPublisher publisher();

    /** The scopes to sweep and each one's key source. */
    SweepSources sweepSources();

    /** Where the public keys of Google's ID tokens come from: Google's JWK set, fetched on first use. */
    default SigningKeys googleSigningKeys() {
        return SigningKeys.publishedAt(OidcSettings.GOOGLE_JWKS);
    }

    /** Resources made of ready parts, for tests and harnesses; add the sweep's with {@link Fixed#withSweeps}. */
    static Fixed of(GcpSettings settings, Clock clock, InventoryStore store, PubSubPublisher publisher,
                    List<AlertSink> alertSinks) {
        return new Fixed(settings, clock, store, publisher, alertSinks, Optional.empty(),
                SigningKeys.publishedAt(OidcSettings.GOOGLE_JWKS));
    }

    /**
     * Ready parts.
     *
     * @param sources the sweep's scopes and key sources, if these resources serve the sweep functions
     */
    record Fixed(GcpSettings settings, Clock clock, InventoryStore store, PubSubPublisher publisher,
                 List<AlertSink> alertSinks, Optional<SweepSources> sources, SigningKeys googleSigningKeys)
            implements GcpResources {
        public Fixed {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(publisher, "publisher");
            alertSinks = List.copyOf(alertSinks);
            Objects.requireNonNull(sources, "sources");
            Objects.requireNonNull(googleSigningKeys, "googleSigningKeys");
        }

        /** The same parts with the sweep's. */
        public Fixed withSweeps(SweepSources sweepSources) {
            return new Fixed(settings, clock, store, publisher, alertSinks, Optional.of(sweepSources), googleSigningKeys);
        }

        /** The same parts verifying ID tokens with other keys (a loopback issuer's, in tests). */
        public Fixed withGoogleSigningKeys(SigningKeys keys) {
            return new Fixed(settings, clock, store, publisher, alertSinks, sources, keys);
        }

        @Override
        public SweepSources sweepSources() {
            return sources.orElseThrow(() -> new IllegalStateException("these resources serve no sweep"));
        }
    }
}
