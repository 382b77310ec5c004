package io.keyledger.core.store;

import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.key.UsageContext;
import java.util.Objects;
import java.util.Optional;

/** A key's record and its usage rollup (if any use was seen), as one read of a page of keys gives them. */
public record KeyWithUsage(CryptoAsset record, Optional<UsageContext> usage) {

    public KeyWithUsage {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(usage, "usage");
    }
}
