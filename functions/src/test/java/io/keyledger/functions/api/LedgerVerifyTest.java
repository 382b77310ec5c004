package io.keyledger.functions.api;

import static io.keyledger.functions.api.ApiHarness.ACME;
import static io.keyledger.functions.api.ApiHarness.as;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.ledger.LedgerRecord;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** GET /ledger/verify: the tenant's chain, intact or not, is a 200 with the finding. */
class LedgerVerifyTest {

    @Test
    void anIntactLedger() {
        ApiHarness h = new ApiHarness();

        Answer answer = h.call(as("acme-auditor", "GET", "/ledger/verify"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("tenant").asString()).isEqualTo(ACME);
        assertThat(answer.json().path("intact").asBoolean()).isTrue();
        assertThat(answer.json().path("recordsChecked").asLong()).isEqualTo(h.store.ledgerHead(ACME).sequence());
        assertThat(answer.json().path("head").path("hash").asString()).isEqualTo(h.store.ledgerHead(ACME).hash());
        assertThat(answer.json().path("firstBreak").isNull()).isTrue();
    }

    @Test
    void aTamperedLedgerNamesItsFirstBrokenRecord() {
        ApiHarness source = new ApiHarness();
        List<LedgerRecord> records = source.store.ledger(ACME, 1, Optional.empty(), true, PageRequest.first(1000)).items();
        InMemoryInventoryStore copy = new InMemoryInventoryStore(new MutableClock(ApiHarness.T0));
        for (LedgerRecord r : records) {
            copy.appendLedger(r.sequence() == 3
                    ? new LedgerRecord(r.tenant(), r.sequence(), r.recordedAt(), r.type(), r.keyId(),
                            r.payload() + " ", r.previousHash(), r.hash(), r.expiresAt())
                    : r);
        }
        AdminApi api = new AdminApi(CoreServices.of(copy, source.clock, CoreSettings.DEFAULTS),
                request -> source.principals.get("acme-auditor"), source.reports, source.sweeps);

        Answer answer = Answer.of(api.apply(new Req("GET", "/ledger/verify").build()));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().path("intact").asBoolean()).isFalse();
        // The copy holds the ledger alone, so its events and key records are missing too; record 3 is named.
        assertThat(answer.json().path("breaks").valueStream()
                .filter(b -> b.path("sequence").asLong() == 3 && "ALTERED".equals(b.path("kind").asString())))
                .hasSize(1);
    }
}
