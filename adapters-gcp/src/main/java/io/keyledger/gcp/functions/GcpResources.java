package io.keyledger.gcp.functions;

import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.assembly.LedgerSettings;
import io.keyledger.core.store.InventoryStore;
import io.keyledger.functions.auth.OidcSettings;
import io.keyledger.functions.auth.SigningKeys;
import io.keyledger.gcp.pubsub.PubSubPublisher;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

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

    /**
     * How the instance's ledger is signed and verified: nothing signed without a ledger key
     * ({@code KEYLEDGER_LEDGER_KEY_VERSION}); with one, signed by it when {@code signs} (the signing function only),
     * else verified with its public key and checkpoints asked for on the checkpoint topic.
     */
    LedgerSettings ledger(boolean signs);

    /** Where the public keys of Google's ID tokens come from: Google's JWK set, fetched on first use. */
    default SigningKeys googleSigningKeys() {
        return SigningKeys.publishedAt(OidcSettings.GOOGLE_JWKS);
    }

    /** Resources made of ready parts, for tests and harnesses; add the sweep's with {@link Fixed#withSweeps}. */
    static Fixed of(GcpSettings settings, Clock clock, InventoryStore store, PubSubPublisher publisher,
                    List<AlertSink> alertSinks) {
        return new Fixed(settings, clock, store, publisher, alertSinks, Optional.empty(),
                SigningKeys.publishedAt(OidcSettings.GOOGLE_JWKS), signs -> LedgerSettings.NONE);
    }

    /**
     * Ready parts.
     *
     * @param sources the sweep's scopes and key sources, if these resources serve the sweep functions
     * @param ledgers the ledger's settings, for a function that signs ({@code true}) or not
     */
    record Fixed(GcpSettings settings, Clock clock, InventoryStore store, PubSubPublisher publisher,
                 List<AlertSink> alertSinks, Optional<SweepSources> sources, SigningKeys googleSigningKeys,
                 Function<Boolean, LedgerSettings> ledgers)
            implements GcpResources {
        public Fixed {
            Objects.requireNonNull(settings, "settings");
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(publisher, "publisher");
            alertSinks = List.copyOf(alertSinks);
            Objects.requireNonNull(sources, "sources");
            Objects.requireNonNull(googleSigningKeys, "googleSigningKeys");
            Objects.requireNonNull(ledgers, "ledgers");
        }

        /** The same parts with the sweep's. */
        public Fixed withSweeps(SweepSources sweepSources) {
            return new Fixed(settings, clock, store, publisher, alertSinks, Optional.of(sweepSources), googleSigningKeys,
                    ledgers);
        }

        /** The same parts verifying ID tokens with other keys (a loopback issuer's, in tests). */
        public Fixed withGoogleSigningKeys(SigningKeys keys) {
            return new Fixed(settings, clock, store, publisher, alertSinks, sources, keys, ledgers);
        }

        /** The same parts with the ledger signed (or verified and asked for) as {@code ledger} says. */
        public Fixed withLedger(Function<Boolean, LedgerSettings> ledger) {
            return new Fixed(settings, clock, store, publisher, alertSinks, sources, googleSigningKeys, ledger);
        }

        @Override
        public LedgerSettings ledger(boolean signs) {
            return ledgers.apply(signs);
        }

        @Override
        public SweepSources sweepSources() {
            return sources.orElseThrow(() -> new IllegalStateException("these resources serve no sweep"));
        }
    }
}
