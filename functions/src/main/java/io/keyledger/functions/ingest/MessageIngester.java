package io.keyledger.functions.ingest;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.ingest.Rejection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ingests a batch of platform messages: decodes each with every known format, applies the events, and
 * tells which messages must be delivered again. A message fails alone (a malformed record, a rejected
 * event, a store error while applying it); the others are applied, and so are the good records of a
 * failed message. On an ordered (FIFO) queue the first
 * failure also fails every later message, unapplied, so that they are retried in order.
 *
 * <p>Failing a message rather than dropping its bad record keeps the promise that nothing accepted is
 * lost: the platform redelivers it and finally parks it in a dead-letter queue, where it can be read.
 * Redelivery is harmless because ingest is idempotent by event id.
 */
public final class MessageIngester {

    private static final Logger LOG = Logger.getLogger(MessageIngester.class.getName());

    private final InventoryService inventory;
    private final Decoders decoders;
    private final Optional<ObjectReader> objects;

    public MessageIngester(InventoryService inventory, Decoders decoders, Optional<ObjectReader> objects) {
        this.inventory = inventory;
        this.decoders = decoders;
        this.objects = objects;
    }

    public IngestOutcome ingest(List<InboundMessage> messages, boolean ordered) {
        Tally tally = new Tally(messages.size());
        boolean blocked = false;
        for (InboundMessage message : messages) {
            if (blocked) {
                tally.fail(message.id(), message.id() + ": not attempted, an earlier message of the ordered batch failed");
                tally.retry(message.id());
                continue;
            }
            boolean ok = ingestOne(message, tally);
            blocked = ordered && !ok;
        }
        return tally.outcome();
    }

    private boolean ingestOne(InboundMessage message, Tally tally) {
        MessageRecords records = new MessageRecords();
        try {
            read(message.id(), new ByteArrayInputStream(message.body()), records);
            tally.records += records.count;
            tally.ignored += records.ignored;
            // The good records of a message are applied even when another of its records is bad; the
            // message still fails, so the bad record is redelivered and finally kept in a dead-letter queue.
            records.problems.forEach(p -> tally.fail(message.id(), p));
            for (DecodedRecord.KeyStoreChange change : records.keyStoreChanges) {
                account(message.id(), inventory.applyKeyStoreChange(change), List.of(change.at().toString()), tally);
            }
            BatchResult result = inventory.apply(records.events);
            account(message.id(), result, records.locations, tally);
            return !tally.hasFailed(message.id());
        } catch (IOException | UncheckedIOException e) {
            tally.fail(message.id(), message.id() + ": cannot be read: " + e.getMessage());
            return false;
        } catch (RuntimeException e) {
            // A store or platform failure: the message is retried, its events are idempotent.
            LOG.log(Level.WARNING, "ingest of message " + message.id() + " failed", e);
            tally.fail(message.id(), message.id() + ": not applied, will be retried: " + e.getClass().getSimpleName());
            tally.retry(message.id());
            return false;
        }
    }

    private void read(String input, InputStream in, MessageRecords records) throws IOException {
        List<DecodedRecord.ObjectReference> referenced = new ArrayList<>();
        decoders.read(input, in, record -> records.accept(record, referenced));
        for (DecodedRecord.ObjectReference ref : referenced) {
            if (objects.isEmpty()) {
                records.problems.add(ref.at() + ": names " + ref.store() + "://" + ref.bucket() + "/" + ref.key()
                        + " but this function reads no objects");
                continue;
            }
            try (InputStream object = objects.get().open(ref)) {
                read(ref.store() + "://" + ref.bucket() + "/" + ref.key(), object, records);
            }
        }
    }

    private static void account(String messageId, BatchResult result, List<String> locations, Tally tally) {
        tally.applied += result.applied();
        tally.duplicates += result.duplicates();
        for (Rejection r : result.rejected()) {
            String where = r.index() < locations.size() ? locations.get(r.index()) : messageId;
            tally.problem(where + ": " + r.reason() + (r.eventId().isEmpty() ? "" : " (event " + r.eventId() + ")"));
            tally.failed(messageId);
        }
    }

    /** The records of one message, sorted by kind. */
    private static final class MessageRecords {
        final List<KeyEvent> events = new ArrayList<>();
        final List<String> locations = new ArrayList<>();
        final List<DecodedRecord.KeyStoreChange> keyStoreChanges = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        int count;
        int ignored;

        void accept(DecodedRecord record, List<DecodedRecord.ObjectReference> referenced) {
            count++;
            if (record instanceof DecodedRecord.Event e) {
                events.add(e.event());
                locations.add(e.at().toString());
            } else if (record instanceof DecodedRecord.Malformed m) {
                problems.add(m.at() + ": " + (m.field().isEmpty() ? "" : "field '" + m.field() + "': ") + m.message());
            } else if (record instanceof DecodedRecord.Ignored) {
                ignored++;
            } else if (record instanceof DecodedRecord.KeyStoreChange c) {
                keyStoreChanges.add(c);
            } else if (record instanceof DecodedRecord.ObjectReference r) {
                referenced.add(r);
            }
        }
    }

    private static final class Tally {
        final int messages;
        int records;
        int applied;
        int duplicates;
        int ignored;
        final List<String> failed = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        final List<String> retry = new ArrayList<>();

        Tally(int messages) {
            this.messages = messages;
        }

        void problem(String problem) {
            problems.add(problem);
        }

        void failed(String messageId) {
            if (!failed.contains(messageId)) {
                failed.add(messageId);
            }
        }

        void fail(String messageId, String problem) {
            problem(problem);
            failed(messageId);
        }

        /** A failed message whose failure was not its content's. */
        void retry(String messageId) {
            if (!retry.contains(messageId)) {
                retry.add(messageId);
            }
        }

        boolean hasFailed(String messageId) {
            return failed.contains(messageId);
        }

        IngestOutcome outcome() {
            return new IngestOutcome(messages, records, applied, duplicates, ignored, failed, problems, retry);
        }
    }
}
