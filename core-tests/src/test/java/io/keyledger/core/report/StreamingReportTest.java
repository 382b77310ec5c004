package io.keyledger.core.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.store.AssetQuery;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.report.CountingOutputStream;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import io.keyledger.testkit.store.SyntheticKeyRecords;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A million keys written as they are read: the store makes up each page when asked and keeps nothing,
 * the output only counts, so the report can hold at most what it is given a page at a time. The checks
 * are on what can be counted, never on time.
 */
class StreamingReportTest {

    private static final int KEYS = 1_000_000;
    private static final String TENANT = "bulk";

    private final MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");

    @Test
    void aMillionKeyInventoryStreamsAsCsv() throws IOException {
        CountingOutputStream out = new CountingOutputStream("\r\n");
        SyntheticKeyRecords keys = new SyntheticKeyRecords(new InMemoryInventoryStore(clock), TENANT, KEYS, out::bytes);

        long written = new InventoryReport(keys.store(), clock).writeCsv(TENANT, AssetQuery.ALL, out);

        assertThat(written).isEqualTo(KEYS);
        assertThat(out.occurrences()).isEqualTo(KEYS + 1); // the header and a row per key, no line breaks in the data
        assertBoundedPagesAndWrittenAsRead(keys, out);
        assertThat(out.bytes()).isGreaterThan(KEYS * 500L);
        assertThat(out.closed()).isFalse();
    }

    @Test
    void aLargeInventoryStreamsAsJson() throws IOException {
        int keys = 200_000; // the same paging as CSV, a fifth of the keys to keep the suite short
        CountingOutputStream out = new CountingOutputStream("{\"tenant\":\"bulk\",\"id\":");
        SyntheticKeyRecords records = new SyntheticKeyRecords(new InMemoryInventoryStore(clock), TENANT, keys,
                out::bytes);

        long written = new InventoryReport(records.store(), clock).writeJson(TENANT, AssetQuery.ALL, out);

        assertThat(written).isEqualTo(keys);
        assertThat(out.occurrences()).isEqualTo(keys);
        assertBoundedPagesAndWrittenAsRead(records, out);
        assertThat(out.closed()).isFalse();
    }

    @Test
    void rowReportsOverTheInventoryStreamToo() throws IOException {
        int keys = 50_000;
        CountingOutputStream pqc = new CountingOutputStream("\r\n");
        SyntheticKeyRecords pqcRecords = new SyntheticKeyRecords(new InMemoryInventoryStore(clock), TENANT, keys,
                pqc::bytes);
        new PqcReport(pqcRecords.store(), clock).writeCsv(TENANT, AssetQuery.ALL, pqc);
        CountingOutputStream rotation = new CountingOutputStream("\r\n");
        SyntheticKeyRecords rotationRecords = new SyntheticKeyRecords(new InMemoryInventoryStore(clock), TENANT,
                keys, rotation::bytes);
        new RotationReport(rotationRecords.store(), clock, io.keyledger.core.alert.AnomalyPolicies.DEFAULT)
                .writeCsv(TENANT, AssetQuery.ALL, rotation);

        assertThat(pqc.occurrences()).isEqualTo(keys + 1);
        assertThat(rotation.occurrences()).isEqualTo(keys + 1);
        assertBoundedPagesAndWrittenAsRead(pqcRecords, pqc);
        assertBoundedPagesAndWrittenAsRead(rotationRecords, rotation);
    }

    private static void assertBoundedPagesAndWrittenAsRead(SyntheticKeyRecords store, CountingOutputStream out) {
        List<Integer> limits = store.pageLimits();
        assertThat(limits).isNotEmpty().allSatisfy(limit -> assertThat(limit).isBetween(1, 1000));
        int pages = limits.size();
        assertThat(pages).isEqualTo((store.keys() + limits.get(0) - 1) / limits.get(0));
        // When the last page was asked for, every page before it had been written out: at least all but two
        // pages' share of the output (the last page, and what the writer's buffer may still hold).
        assertThat(store.writtenAtFirstPage()).isLessThan(out.bytes() / pages);
        assertThat(store.writtenAtLastPage()).isGreaterThan(out.bytes() * (pages - 2) / pages);
    }
}
