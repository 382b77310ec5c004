package io.keyledger.core.ledger;

import io.keyledger.testkit.RecordEquality;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LedgerRecordTest {

    @Test
    void everyComponentTakesPartInEquality() {
        LedgerRecord present = LedgerRecord.chain("acme", 7, Instant.parse("2026-03-01T10:00:00Z"),
                LedgerEntryType.ASSET_CHANGED, Optional.of("aws:arn:aws:kms:eu-west-1:111122223333:key/k1"),
                "{\"revision\":3}", LedgerHash.GENESIS, Optional.of(Instant.parse("2033-03-01T10:00:00Z")));
        RecordEquality.assertEveryComponentTakesPart(present);
        RecordEquality.assertEveryComponentTakesPart(present.withExpiresAt(Optional.empty()));
    }
}
