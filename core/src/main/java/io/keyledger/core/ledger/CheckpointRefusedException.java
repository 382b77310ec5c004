package io.keyledger.core.ledger;

/**
 * The signer will not sign a tenant's head because the ledger no longer extends its last checkpoint:
 * records it signed were changed or removed, or what follows them is not what KeyLedger writes. The
 * message names the record and the reason. Run {@code verify} to see every finding.
 */
public class CheckpointRefusedException extends RuntimeException {

    public CheckpointRefusedException(String tenant, String reason) {
        super("refusing to sign a checkpoint of tenant " + tenant + ": " + reason);
    }
}
