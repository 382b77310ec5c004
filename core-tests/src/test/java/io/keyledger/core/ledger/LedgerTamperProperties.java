package io.keyledger.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.retention.ExpiryRules;
import io.keyledger.core.retention.RetentionPolicy;
import io.keyledger.core.store.PageRequest;
import io.keyledger.testkit.MutableClock;
import io.keyledger.testkit.store.InMemoryInventoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Altering, deleting or reordering any ledger record is detected at that record. */
class LedgerTamperProperties {

    private record Chain(List<LedgerRecord> records, LedgerHead head) {
    }

    private static Chain chain(int size) {
        MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
        InMemoryInventoryStore store = new InMemoryInventoryStore(clock);
        LedgerWriter writer = new LedgerWriter(store, clock);
        ExpiryRules rules = new ExpiryRules(RetentionPolicy.DEFAULT, List.of());
        for (int i = 0; i < size; i++) {
            clock.advance(Duration.ofSeconds(1));
            writer.append("acme", i % 3 == 0 ? LedgerEntryType.ASSET_CHANGED : LedgerEntryType.EVENT_ACCEPTED,
                    Optional.of("aws:key-" + i % 4), "{\"i\":" + i + "}", rules);
        }
        List<LedgerRecord> records = store.ledger("acme", 1, Optional.empty(), true, PageRequest.first(1000)).items();
        return new Chain(new ArrayList<>(records), store.ledgerHead("acme"));
    }

    @Property(tries = 200)
    void anUntouchedChainVerifies(@ForAll @IntRange(min = 0, max = 40) int size) {
        Chain c = chain(size);

        LedgerVerification v = LedgerVerifier.verify("acme", c.records(), c.head());

        assertThat(v.intact()).isTrue();
        assertThat(v.recordsChecked()).isEqualTo(size);
    }

    @Property(tries = 300)
    void alteringAnyRecordIsDetectedAtThatRecord(@ForAll @IntRange(min = 1, max = 40) int size,
                                                 @ForAll @IntRange(min = 0, max = 39) int position,
                                                 @ForAll @IntRange(min = 0, max = 3) int field) {
        int index = position % size;
        Chain c = chain(size);
        LedgerRecord r = c.records().get(index);
        LedgerRecord altered = switch (field) {
            case 0 -> new LedgerRecord(r.tenant(), r.sequence(), r.recordedAt(), r.type(), r.keyId(),
                    r.payload().replace("}", ",\"x\":1}"), r.previousHash(), r.hash(), r.expiresAt());
            case 1 -> new LedgerRecord(r.tenant(), r.sequence(), r.recordedAt().plusSeconds(1), r.type(), r.keyId(),
                    r.payload(), r.previousHash(), r.hash(), r.expiresAt());
            case 2 -> new LedgerRecord(r.tenant(), r.sequence(), r.recordedAt(), LedgerEntryType.LEGAL_HOLD_LIFTED,
                    r.keyId(), r.payload(), r.previousHash(), r.hash(), r.expiresAt());
            default -> new LedgerRecord(r.tenant(), r.sequence(), r.recordedAt(), r.type(), Optional.of("aws:other"),
                    r.payload(), r.previousHash(), r.hash(), r.expiresAt());
        };
        c.records().set(index, altered);

        LedgerVerification v = LedgerVerifier.verify("acme", c.records(), c.head());

        assertThat(v.firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.sequence()).isEqualTo(r.sequence());
            assertThat(b.kind()).isEqualTo(LedgerBreak.Kind.ALTERED);
        });
    }

    @Property(tries = 300)
    void rewritingARecordWithAFreshHashIsDetectedAtTheLinkAfterIt(@ForAll @IntRange(min = 1, max = 40) int size,
                                                                  @ForAll @IntRange(min = 0, max = 39) int position) {
        int index = position % size;
        Chain c = chain(size);
        LedgerRecord r = c.records().get(index);
        LedgerRecord forged = LedgerRecord.chain(r.tenant(), r.sequence(), r.recordedAt(), r.type(), r.keyId(),
                "{\"forged\":true}", r.previousHash(), r.expiresAt());
        c.records().set(index, forged);

        LedgerVerification v = LedgerVerifier.verify("acme", c.records(), c.head());

        // The forger can make the record self-consistent, but the next link (or the head) still names the old hash.
        assertThat(v.firstBreak()).hasValueSatisfying(b -> assertThat(b.sequence())
                .isEqualTo(index == size - 1 ? r.sequence() : r.sequence() + 1));
    }

    @Property(tries = 300)
    void deletingAnyRecordIsDetectedAtThatRecord(@ForAll @IntRange(min = 1, max = 40) int size,
                                                 @ForAll @IntRange(min = 0, max = 39) int position) {
        int index = position % size;
        Chain c = chain(size);
        LedgerRecord removed = c.records().remove(index);

        LedgerVerification v = LedgerVerifier.verify("acme", c.records(), c.head());

        assertThat(v.firstBreak()).hasValueSatisfying(b -> {
            assertThat(b.sequence()).isEqualTo(removed.sequence());
            assertThat(b.kind()).isEqualTo(LedgerBreak.Kind.MISSING);
        });
    }

    @Property(tries = 300)
    void reorderingAnyTwoRecordsIsDetectedAtTheEarlierOne(@ForAll @IntRange(min = 2, max = 40) int size,
                                                         @ForAll @IntRange(min = 0, max = 38) int first,
                                                         @ForAll @IntRange(min = 1, max = 39) int distance) {
        int i = first % (size - 1);
        int j = i + 1 + distance % (size - 1 - i);
        Chain c = chain(size);
        long earlier = c.records().get(i).sequence();
        Collections.swap(c.records(), i, j);

        LedgerVerification v = LedgerVerifier.verify("acme", c.records(), c.head());

        assertThat(v.firstBreak()).hasValueSatisfying(b -> assertThat(b.sequence()).isEqualTo(earlier));
    }
}
