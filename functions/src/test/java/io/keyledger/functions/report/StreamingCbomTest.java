package io.keyledger.functions.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.assembly.CoreServices;
import io.keyledger.core.assembly.CoreSettings;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.report.CountingOutputStream;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.SyntheticKeyRecords;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * 200,000 keys exported as a CBOM through the service, from a store that makes each page up when
 * asked and an output that only counts: the library's in-memory BOM is never built. (The million-key
 * CSV export is a core test; a million-key CBOM takes a minute here, so its figures come from
 * bench's ReportExportHarness instead.)
 */
class StreamingCbomTest {

    private static final int KEYS = 200_000;
    private static final String TENANT = "bulk";

    @Test
    void aLargeCbomIsWrittenPageByPage() throws IOException {
        MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
        CountingOutputStream out = new CountingOutputStream("\"assetType\":\"related-crypto-material\"");
        SyntheticKeyRecords store = new SyntheticKeyRecords(new InMemoryInventoryStore(clock), TENANT, KEYS,
                out::bytes);

        ReportService.of(CoreServices.of(store.store(), clock, CoreSettings.DEFAULTS)).write(TENANT,
                new ReportRequest("inventory", "cbom", Optional.empty(), Optional.empty(), AssetQuery.ALL), out);

        assertThat(out.occurrences()).isEqualTo(KEYS);
        assertThat(out.closed()).isFalse();
        List<Integer> limits = store.pageLimits();
        assertThat(limits).allSatisfy(l -> assertThat(l).isBetween(1, 1000));
        int pages = limits.size();
        assertThat(pages).isEqualTo(KEYS / limits.get(0));
        assertThat(store.writtenAtFirstPage()).isLessThan(out.bytes() / pages);
        assertThat(store.writtenAtLastPage()).isGreaterThan(out.bytes() * (pages - 2) / pages);
        assertThat(out.bytes()).isGreaterThan(KEYS * 1000L);
    }
}
