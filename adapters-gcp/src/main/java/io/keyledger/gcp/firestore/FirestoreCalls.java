package io.keyledger.gcp.firestore;

import com.google.api.core.ApiFuture;
import com.google.api.gax.rpc.ApiException;
import com.google.cloud.firestore.DocumentReference;
import com.google.cloud.firestore.DocumentSnapshot;
import com.google.cloud.firestore.Firestore;
import com.google.cloud.firestore.FirestoreException;
import com.google.cloud.firestore.Query;
import com.google.cloud.firestore.QueryDocumentSnapshot;
import com.google.cloud.firestore.WriteBatch;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * The store's Firestore calls, each naming what it is for: errors the client did not retry away become a
 * {@link FirestoreStoreException} that says so, a failed precondition becomes {@code false}, and every request
 * is counted ({@link FirestoreRequestCounter}).
 */
final class FirestoreCalls {

    static final String COMMIT = "Commit";
    static final String BATCH_GET = "BatchGetDocuments";
    static final String RUN_QUERY = "RunQuery";

    /** Writes per commit: Firestore's historical limit, kept so that a commit never meets it. */
    static final int MAX_WRITES_PER_COMMIT = 500;
    /** Bytes of documents per commit, well below Firestore's 10 MiB request limit. */
    static final long MAX_BYTES_PER_COMMIT = 8L * 1024 * 1024;
    /** The largest page read at once. */
    static final int MAX_PAGE = 1000;

    /** The codes of a write whose existence precondition failed. */
    private static final Set<Status.Code> CONDITION_FAILED = Set.of(Status.Code.ALREADY_EXISTS,
            Status.Code.NOT_FOUND, Status.Code.FAILED_PRECONDITION);

    private final Firestore db;
    private final Layout layout;
    private final FirestoreRequestCounter counter;

    FirestoreCalls(Firestore db, Layout layout, FirestoreRequestCounter counter) {
        this.db = db;
        this.layout = layout;
        this.counter = counter;
    }

    Layout layout() {
        return layout;
    }

    /** A strongly consistent read of one document; empty if it does not exist. */
    Optional<DocumentSnapshot> get(DocumentReference ref, String what) {
        DocumentSnapshot doc = await(BATCH_GET, what, ref.get());
        counter.read(1);
        return doc.exists() ? Optional.of(doc) : Optional.empty();
    }

    /** The documents that exist among {@code refs}, in one request. */
    List<DocumentSnapshot> getAll(List<DocumentReference> refs, String what) {
        if (refs.isEmpty()) {
            return List.of();
        }
        List<DocumentSnapshot> docs = await(BATCH_GET, what, db.getAll(refs.toArray(DocumentReference[]::new)));
        counter.read(refs.size());
        return docs.stream().filter(DocumentSnapshot::exists).toList();
    }

    /** Every document a query returns, in one request. */
    List<QueryDocumentSnapshot> query(Query query, String what) {
        List<QueryDocumentSnapshot> docs = await(RUN_QUERY, what, query.get()).getDocuments();
        counter.read(Math.max(1, docs.size()));
        return docs;
    }

    /**
     * The documents of a query ordered by one field, fetched page by page as they are consumed: each page asks
     * for the documents after the last one seen ({@code field > last}, a filter: the emulator has no query
     * cursors). The first page asks for {@code firstLimit} documents and each further one for twice as many (up
     * to 1000), so that a caller who needs a few matches reads little and one who filters much reads on in
     * larger pages.
     *
     * @param ordered   the query without order or limit
     * @param field     the field to order by, ascending; each document has a distinct value of it
     * @param valueOf   that field's value in a document
     */
    Iterator<DocumentSnapshot> pages(Query ordered, String field, Function<DocumentSnapshot, Object> valueOf,
                                     int firstLimit, String what) {
        return new PageIterator(ordered, field, valueOf, firstLimit, what);
    }

    /** Every document of {@link #pages}. */
    List<DocumentSnapshot> all(Query ordered, String field, Function<DocumentSnapshot, Object> valueOf, String what) {
        List<DocumentSnapshot> out = new ArrayList<>();
        pages(ordered, field, valueOf, MAX_PAGE, what).forEachRemaining(out::add);
        return out;
    }

    /**
     * Commits the writes atomically; false when a precondition failed (then Firestore wrote none of them).
     */
    boolean commit(Writes writes, String what) {
        List<Writes.Write> list = writes.list();
        checkSizes(list, what);
        WriteBatch batch = db.batch();
        Writes.apply(list, batch);
        counter.request(COMMIT);
        counter.written(list.size());
        try {
            batch.commit().get();
            return true;
        } catch (ExecutionException e) {
            Status.Code code = codeOf(e.getCause());
            if (CONDITION_FAILED.contains(code)) {
                counter.failure(COMMIT);
                return false;
            }
            counter.failure(COMMIT);
            throw failure(COMMIT, what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FirestoreStoreException("interrupted while trying to " + what);
        }
    }

    /**
     * Commits unconditional writes in as many commits as Firestore's limits need (each commit atomic, the whole
     * not); a failure of any commit fails the call.
     */
    void commitAll(List<Writes.Write> writes, String what) {
        List<Writes.Write> chunk = new ArrayList<>();
        long bytes = 0;
        for (Writes.Write w : writes) {
            long size = DocumentSize.bytes(w.ref(), w.fields());
            if (!chunk.isEmpty() && (chunk.size() >= MAX_WRITES_PER_COMMIT || bytes + size > MAX_BYTES_PER_COMMIT)) {
                commitChunk(chunk, what);
                chunk = new ArrayList<>();
                bytes = 0;
            }
            chunk.add(w);
            bytes += size;
        }
        if (!chunk.isEmpty()) {
            commitChunk(chunk, what);
        }
    }

    private void commitChunk(List<Writes.Write> chunk, String what) {
        Writes writes = Writes.of();
        chunk.forEach(w -> writes.addAll(single(w)));
        if (!commit(writes, what)) {
            throw new FirestoreStoreException("a write of '" + what + "' met a failed precondition in "
                    + layout.root());
        }
    }

    private static Writes single(Writes.Write w) {
        Writes one = Writes.of();
        return switch (w.kind()) {
            case CREATE -> one.create(w.ref(), w.fields());
            case SET -> one.set(w.ref(), w.fields());
            case UPDATE_EXISTING -> one.updateExisting(w.ref(), w.fields());
            case DELETE -> one.delete(w.ref());
        };
    }

    private static void checkSizes(List<Writes.Write> writes, String what) {
        for (Writes.Write w : writes) {
            if (w.kind() != Writes.Kind.DELETE) {
                DocumentSize.check(w.ref(), w.fields(), what);
            }
        }
    }

    private <T> T await(String method, String what, ApiFuture<T> future) {
        counter.request(method);
        try {
            return future.get();
        } catch (ExecutionException e) {
            counter.failure(method);
            throw failure(method, what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FirestoreStoreException("interrupted while trying to " + what);
        }
    }

    private FirestoreStoreException failure(String method, String what, Throwable cause) {
        Status.Code code = codeOf(cause);
        String message = cause == null ? "" : cause.getMessage();
        return new FirestoreStoreException("Firestore " + method + " failed while trying to " + what + " (collection '"
                + layout.root() + "'): " + code + (message == null || message.isBlank() ? "" : ": " + message), cause);
    }

    /** The gRPC code of a client error, however the client wrapped it. */
    static Status.Code codeOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof ApiException api) {
                return Status.Code.valueOf(api.getStatusCode().getCode().name());
            }
            if (t instanceof FirestoreException fe && fe.getStatus() != null) {
                return fe.getStatus().getCode();
            }
            if (t instanceof io.grpc.StatusRuntimeException sre) {
                return sre.getStatus().getCode();
            }
        }
        return Status.Code.UNKNOWN;
    }

    private final class PageIterator implements Iterator<DocumentSnapshot> {
        private final Query ordered;
        private final String field;
        private final Function<DocumentSnapshot, Object> valueOf;
        private final String what;
        private int limit;
        private Iterator<? extends DocumentSnapshot> page = Collections.emptyIterator();
        private Object last;
        private boolean exhausted;

        PageIterator(Query ordered, String field, Function<DocumentSnapshot, Object> valueOf, int firstLimit,
                     String what) {
            this.ordered = ordered;
            this.field = field;
            this.valueOf = valueOf;
            this.what = what;
            this.limit = Math.max(1, Math.min(MAX_PAGE, firstLimit));
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && !exhausted) {
                Query q = last == null ? ordered : ordered.whereGreaterThan(field, last);
                List<QueryDocumentSnapshot> docs = query(q.orderBy(field).limit(limit), what);
                if (docs.size() < limit) {
                    exhausted = true;
                }
                if (!docs.isEmpty()) {
                    last = valueOf.apply(docs.get(docs.size() - 1));
                }
                page = docs.iterator();
                limit = Math.min(MAX_PAGE, limit * 2);
            }
            return page.hasNext();
        }

        @Override
        public DocumentSnapshot next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
        }
    }
}
