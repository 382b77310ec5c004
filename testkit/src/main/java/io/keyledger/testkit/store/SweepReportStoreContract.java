package io.keyledger.testkit.store;

import static io.keyledger.testkit.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.key.Provider;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import io.keyledger.core.sweep.KeyClass;
import io.keyledger.core.sweep.SweepReport;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.core.sweep.SweptKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The {@link SweepReportStore} slice of the store contract. */
public abstract class SweepReportStoreContract extends StoreContractSlice {

    private SweepReport report(String tenant, String sweepId, String location, Instant started) {
        return new SweepReport(sweepId, tenant, new SweepScope(Provider.AWS, "111122223333", location), started,
                started.plusSeconds(3), Optional.of("ThrottlingException"), List.of(
                new SweptKey("aws:k1", KeyClass.DRIFTED, true, List.of("state ACTIVE -> SUSPENDED")),
                new SweptKey("aws:k2", KeyClass.CONFIRMED, false, List.of())), 1, 7, 1);
    }

    @Test
    void reportsAreListedNewestFirstPageByPageAndReadBackEqual() {
        SweepReport old = report(ACME, "s1", "us-east-1", T0);
        SweepReport newer = report(ACME, "s2", "us-east-1", T0.plusSeconds(60));
        SweepReport sameRunOtherScope = report(ACME, "s2", "eu-west-1", T0.plusSeconds(60));
        store.putSweepReport(old);
        store.putSweepReport(newer);
        store.putSweepReport(sameRunOtherScope);

        Page<SweepReport> first = store.sweepReports(ACME, PageRequest.first(2));
        Page<SweepReport> second = store.sweepReports(ACME, PageRequest.first(2).next(first.nextCursor().orElseThrow()));

        assertThat(first.items()).containsExactly(sameRunOtherScope, newer);
        assertThat(second.items()).containsExactly(old);
        assertThat(second.nextCursor()).isEmpty();
        assertThat(store.sweepReports(BETA, PageRequest.first(10)).items()).isEmpty();
    }

    @Test
    void theSameSweepAndScopeIsReplaced() {
        store.putSweepReport(report(ACME, "s1", "us-east-1", T0));
        SweepReport rerun = report(ACME, "s1", "us-east-1", T0);
        store.putSweepReport(rerun);

        assertThat(store.sweepReports(ACME, PageRequest.first(10)).items()).containsExactly(rerun);
    }
}
