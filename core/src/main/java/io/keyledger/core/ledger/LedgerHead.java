package io.keyledger.core.ledger;

/** The last record of a tenant's ledger: the next record chains to it. */
public record LedgerHead(long sequence, String hash) {

    public static final LedgerHead EMPTY = new LedgerHead(0, LedgerHash.GENESIS);
}
