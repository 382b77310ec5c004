package io.keyledger.gcp.firestore;

import java.util.List;
import java.util.Objects;

/**
 * What a Firestore database must have for the store, which only the deployment can create: the time-to-live
 * policies on the field the store writes and the composite indexes its queries need (docs/gcp/FIRESTORE.md,
 * "Retention and time to live" and "Indexes"). The deployment reads them from here; nothing here touches a
 * Firestore client class, so the deployment's checks can read it without one.
 */
public final class FirestoreRequirements {

    /** The timestamp field Firestore's time to live deletes a document by; none is written under legal hold. */
    public static final String TTL_FIELD = Fields.EXPIRE_AT;

    /** The collection groups whose documents carry {@link #TTL_FIELD}: one TTL policy each. */
    public static final List<String> TTL_COLLECTION_GROUPS =
            List.of(Layout.EVENTS, Layout.LEDGER, Layout.KEYS, Layout.KEY_REVISIONS);

    /**
     * The composite indexes of the store's queries that combine an equality with an order on another field; every
     * other query is served by Firestore's automatic single-field indexes.
     */
    public static final List<CompositeIndex> COMPOSITE_INDEXES = List.of(
            new CompositeIndex(Layout.KEYS, List.of(KeyRecordDocs.STATE, KeyRecordDocs.KEY_ID),
                    "key records by state, in key id order"),
            new CompositeIndex(Layout.KEYS, List.of(KeyRecordDocs.PROVIDER, KeyRecordDocs.KEY_ID),
                    "key records by provider"),
            new CompositeIndex(Layout.KEYS, List.of(KeyRecordDocs.OWNER, KeyRecordDocs.KEY_ID),
                    "key records by owner"),
            new CompositeIndex(Layout.LEDGER, List.of(LedgerDocs.KEY_ID, LedgerDocs.SEQUENCE),
                    "one key's ledger records"),
            new CompositeIndex(Layout.ALERTS, List.of(AlertDocs.STATUS, AlertDocs.SORT_KEY),
                    "alerts by status, newest first"));

    /**
     * One composite index, every field ascending, of query scope collection.
     *
     * @param collectionGroup the collection id it indexes, in every tenant
     * @param fields          the fields in order: the equality first, then the order
     * @param serves          the query it is for
     */
    public record CompositeIndex(String collectionGroup, List<String> fields, String serves) {
        public CompositeIndex {
            Objects.requireNonNull(collectionGroup, "collectionGroup");
            fields = List.copyOf(fields);
            Objects.requireNonNull(serves, "serves");
            if (fields.size() < 2) {
                throw new IllegalArgumentException("a composite index has at least two fields: " + fields);
            }
        }

        /** A name for the index in a deployment, such as {@code keys-state-keyId}. */
        public String name() {
            return collectionGroup + "-" + String.join("-", fields);
        }
    }

    private FirestoreRequirements() {
    }
}
