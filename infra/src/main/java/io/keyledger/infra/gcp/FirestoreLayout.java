package io.keyledger.infra.gcp;

import java.util.List;

/**
 * What the Firestore database's TTL policies name: the collection groups whose documents expire and the
 * timestamp field Firestore deletes them by. This list stands in for the declaration of the Firestore store
 * ({@code io.keyledger.gcp.firestore.FirestoreInventoryStore}), which is to replace it; the tests hold the
 * Terraform TTL fields against it ({@code code-declarations.json}).
 */
public final class FirestoreLayout {

    /** The field every expiring document carries; legal holds remove it. */
    public static final String TTL_FIELD = "expireAt";

    /** The collection groups that hold expiring documents: events, ledger records, alerts, sweep reports. */
    public static final List<String> EXPIRING_COLLECTION_GROUPS =
            List.of("events", "ledger", "alerts", "sweepReports");

    private FirestoreLayout() {
    }
}
