package io.keyledger.functions.feed;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.event.Action;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.ledger.CheckpointRequests;
import io.keyledger.core.signing.Signer;
import io.keyledger.functions.report.ReportService;
import io.keyledger.testkit.Fixtures;
import io.keyledger.testkit.MemorySigner;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.InMemoryPartnerKeys;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One party of a feed exchange, as a test sets it up: its own store, clock and signing key, a tenant with a
 * few keys, and the partners it exchanges feeds with.
 */
final class FeedParty {

    final String tenant;
    final MutableClock clock;
    final InMemoryInventoryStore store;
    final CoreServices services;
    final Signer signer = MemorySigner.create();
    final InMemoryPartnerKeys partnerKeys = new InMemoryPartnerKeys();
    private Partners partners = Partners.NONE;

    FeedParty(String tenant, MutableClock clock) {
        this.tenant = tenant;
        this.clock = clock;
        this.store = new InMemoryInventoryStore(clock);
        this.services = Fixtures.services(store, clock, tenant);
    }

    /** A key created now, with an owner and a responsible party. */
    KeyRef createKey(String name, Map<String, String> attributes) {
        KeyRef key = Fixtures.awsKey(name);
        services.inventory().apply(tenant, List.of(Fixtures.event("create-" + name, clock.instant(), Action.CREATE, key,
                attributes)));
        return key;
    }

    void disable(KeyRef key, String eventId) {
        services.inventory().apply(tenant, List.of(Fixtures.event(eventId, clock.instant(), Action.DISABLE, key,
                Map.of("nativeState", "Disabled"))));
    }

    FeedParty exchangingWith(Partner... configured) {
        partners = Partners.of(List.of(configured));
        return this;
    }

    /** A partner entry for this party, as the other side configures it. */
    Partner asPartner(String name, Partner.Relation relation, String otherTenant) {
        return new Partner(name, relation, signer.publicKey(), java.util.Set.of(otherTenant), name + " key custodians");
    }

    CoordinationFeeds feeds() {
        return new CoordinationFeeds(store, clock, ReportService.of(services), Optional.of(signer), partners,
                Optional.of(partnerKeys), services.retention(), CheckpointRequests.NONE);
    }
}
