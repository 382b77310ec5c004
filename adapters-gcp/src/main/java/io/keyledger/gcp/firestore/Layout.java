package io.keyledger.gcp.firestore;

import com.google.cloud.firestore.CollectionReference;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.Firestore;
import io.keyledger.core.tenant.TenantIds;

/**
 * Where every document lives (docs/gcp/FIRESTORE.md has the table). Each tenant is a document of the root
 * collection, and everything of the tenant is in that document's subcollections: no path of one tenant is a path
 * of another, and every call reaches its documents through its tenant's document.
 */
final class Layout {

    static final String KEYS = "keys";
    static final String KEY_REVISIONS = "keyRevisions";
    static final String USAGE = "usage";
    static final String USAGE_REVISIONS = "usageRevisions";
    static final String EVENTS = "events";
    static final String LEDGER = "ledger";
    static final String LEDGER_HEADS = "ledgerHeads";
    static final String ALERTS = "alerts";
    static final String ACKNOWLEDGEMENTS = "acknowledgements";
    static final String SWEEP_REPORTS = "sweepReports";
    static final String SWEEP_REPORT_PARTS = "sweepReportParts";
    static final String KEY_STORES = "keyStores";
    static final String KEY_STORE_REVISIONS = "keyStoreRevisions";
    static final String SETTINGS = "settings";
    static final String LEGAL_HOLDS = "legalHolds";

    static final String RETENTION_POLICY = "retentionPolicy";

    private final Firestore db;
    private final String root;

    Layout(Firestore db, String root) {
        this.db = db;
        this.root = root;
    }

    String root() {
        return root;
    }

    CollectionReference tenants() {
        return db.collection(root);
    }

    DocumentReference tenant(String tenant) {
        return tenants().document(TenantIds.requireValid(tenant));
    }

    CollectionReference collection(String tenant, String name) {
        return tenant(tenant).collection(name);
    }

    DocumentReference key(String tenant, String keyId) {
        return collection(tenant, KEYS).document(DocIds.of(keyId, "key id"));
    }

    /**
     * The marker of a key record's revision in one incarnation of the record: created by the write that makes the
     * revision (precondition: it does not exist), so that of two writers of one revision only one succeeds.
     */
    DocumentReference keyRevision(String tenant, String keyId, String incarnation, long revision) {
        return collection(tenant, KEY_REVISIONS).document(DocIds.of(keyId, "key id") + "~" + incarnation + "~"
                + Fields.sequenceKey(revision));
    }

    DocumentReference keyStore(String tenant, String keyStoreId) {
        return collection(tenant, KEY_STORES).document(DocIds.of(keyStoreId, "key store id"));
    }

    /** Created by the write that makes the key store record's revision, so that only one writer of it succeeds. */
    DocumentReference keyStoreRevision(String tenant, String keyStoreId, long revision) {
        return collection(tenant, KEY_STORE_REVISIONS).document(DocIds.of(keyStoreId, "key store id") + "~"
                + Fields.sequenceKey(revision));
    }

    DocumentReference usage(String tenant, String keyId) {
        return collection(tenant, USAGE).document(DocIds.of(keyId, "key id"));
    }

    DocumentReference usageRevision(String tenant, String keyId, String incarnation, long revision) {
        return collection(tenant, USAGE_REVISIONS).document(DocIds.of(keyId, "key id") + "~" + incarnation + "~"
                + Fields.sequenceKey(revision));
    }

    DocumentReference event(String tenant, String dedupKey) {
        return collection(tenant, EVENTS).document(DocIds.of(dedupKey, "event id"));
    }

    DocumentReference ledgerRecord(String tenant, long sequence) {
        return collection(tenant, LEDGER).document(Fields.sequenceKey(sequence));
    }

    /** The marker of the ledger's head at a sequence: the last two are kept, the greatest is the head. */
    DocumentReference ledgerHead(String tenant, long sequence) {
        return collection(tenant, LEDGER_HEADS).document(Fields.sequenceKey(sequence));
    }

    DocumentReference alert(String tenant, String alertId) {
        return collection(tenant, ALERTS).document(DocIds.of(alertId, "alert id"));
    }

    /** The acknowledgement of an alert: acknowledging creates it, so that of two acknowledgers one wins. */
    DocumentReference acknowledgement(String tenant, String alertId) {
        return collection(tenant, ACKNOWLEDGEMENTS).document(DocIds.of(alertId, "alert id"));
    }

    DocumentReference sweepReport(String tenant, String sortKey) {
        return collection(tenant, SWEEP_REPORTS).document(DocIds.of(sortKey, "sweep report"));
    }

    DocumentReference sweepReportPart(String tenant, String sortKey, String generation, int index) {
        return collection(tenant, SWEEP_REPORT_PARTS).document(DocIds.of(sortKey, "sweep report") + "~" + generation
                + "~" + String.format("%05d", index));
    }

    DocumentReference retentionPolicy(String tenant) {
        return collection(tenant, SETTINGS).document(RETENTION_POLICY);
    }

    /** A tenant-wide hold is {@code tenant}; a key's hold is {@code key:<key id>}. */
    DocumentReference legalHold(String tenant, java.util.Optional<String> keyId) {
        return collection(tenant, LEGAL_HOLDS).document(keyId.map(k -> DocIds.of("key:" + k, "key id"))
                .orElse("tenant"));
    }
}
