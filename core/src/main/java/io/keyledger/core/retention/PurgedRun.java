package io.keyledger.core.retention;

/**
 * A run of consecutive ledger records removed by a purge: sequences {@code from..to}, the hash the
 * first of them chained to, and the hash of the last. The ledger verifier uses it to tell a purge
 * from a deletion.
 */
public record PurgedRun(long from, long to, String previousHash, String lastHash) {

    public PurgedRun {
        if (from < 1 || to < from) {
            throw new IllegalArgumentException("bad purged run " + from + ".." + to);
        }
    }
}
