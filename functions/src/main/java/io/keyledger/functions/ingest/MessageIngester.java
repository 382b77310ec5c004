package io.keyledger.functions.ingest;

import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.ingest.BatchResult;
import io.keyledger.core.ingest.IngestRun;
import io.keyledger.core.ingest.InventoryService;
import io.keyledger.core.ingest.Rejection;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
 *
 * <p>Memory is bounded whatever a message names: the records of a message and of the objects it references
 * (a CloudTrail log file in S3 may hold a million records) are applied in batches of {@code batchSize} as
 * they are read, within the decoders' input limits, and only the first {@code maxReported} problems of a
 * call are kept in full, the rest counted (docs/RELIABILITY.md).
 *
 * <p>The cryptographic uses of a whole unordered batch are rolled up together ({@link IngestRun}): a key's usage
 * rollup is written once per call, not once per message, when the last message is in. Until then the messages
 * that brought uses are not done: if the rollups cannot be written, or a later message's store failure leaves
 * what the run knows in doubt, each of them fails too and is delivered again (uses merge idempotently).
 */
public final class MessageIngester {

    /** Events applied at once: as many as the CLI's batches. */
    public static final int BATCH_SIZE = 500;
    /** Problems kept in full per call; the rest are counted in a last line. */
    public static final int MAX_REPORTED = 100;

    private static final Logger LOG = Logger.getLogger(MessageIngester.class.getName());

    private final InventoryService inventory;
    private final Decoders decoders;
    private final Optional<ObjectReader> objects;
    private final int batchSize;
    private final int maxReported;

    public MessageIngester(InventoryService inventory, Decoders decoders, Optional<ObjectReader> objects) {
        this(inventory, decoders, objects, BATCH_SIZE, MAX_REPORTED);
    }

    public MessageIngester(InventoryService inventory, Decoders decoders, Optional<ObjectReader> objects,
                           int batchSize, int maxReported) {
        if (batchSize < 1 || maxReported < 0) {
            throw new IllegalArgumentException("batchSize must be positive and maxReported not negative");
        }
        this.inventory = inventory;
        this.decoders = decoders;
        this.objects = objects;
        this.batchSize = batchSize;
        this.maxReported = maxReported;
    }

    public IngestOutcome ingest(List<InboundMessage> messages, boolean ordered) {
        Tally tally = new Tally(messages.size(), maxReported);
        // In order, each message is done with before the next: its uses are written with it.
        Optional<BatchUses> uses = ordered ? Optional.empty() : Optional.of(new BatchUses());
        boolean blocked = false;
        for (InboundMessage message : messages) {
            if (blocked) {
                tally.fail(message.id(), message.id() + ": not attempted, an earlier message of the ordered batch failed");
                tally.retry(message.id());
                continue;
            }
            boolean ok = ingestOne(message, tally, uses);
            blocked = ordered && !ok;
        }
        uses.ifPresent(u -> u.flush(tally));
        return tally.outcome();
    }

    /** The uses of an unordered batch, rolled up in one run; the messages whose applied events wait on it. */
    private final class BatchUses {
        private IngestRun run = inventory.run();
        private final Set<String> waiting = new LinkedHashSet<>();

        BatchResult apply(String messageId, List<KeyEvent> events) {
            BatchResult result = run.apply(events);
            if (result.applied() > 0) {
                waiting.add(messageId);
            }
            return result;
        }

        /** A store failure: what the run remembers may not be what the store kept, so it starts afresh. */
        void abandon(String failedId, Tally tally) {
            for (String id : waiting) {
                if (!id.equals(failedId) && !tally.hasFailed(id)) {
                    tally.fail(id, id + ": its uses were not written (message " + failedId + " failed), will be retried");
                    tally.retry(id);
                }
            }
            waiting.clear();
            run = inventory.run();
        }

        void flush(Tally tally) {
            List<Rejection> refused;
            try {
                refused = run.flush();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "the usage rollups of the batch could not be written", e);
                for (String id : waiting) {
                    tally.fail(id, id + ": its uses were not written, will be retried: " + e.getClass().getSimpleName());
                    tally.retry(id);
                }
                return;
            }
            if (!refused.isEmpty()) {
                // A refused rollup names its key, not its message: every message with uses fails, as it would alone.
                refused.forEach(r -> tally.problem("usage not stored: " + r.reason()
                        + (r.eventId().isEmpty() ? "" : " (event " + r.eventId() + ")")));
                waiting.forEach(tally::failed);
            }
        }
    }

    private boolean ingestOne(InboundMessage message, Tally tally, Optional<BatchUses> uses) {
        MessageRecords records = new MessageRecords(message.id(), tally, uses);
        try {
            // The good records of a message are applied even when another of its records is bad; the
            // message still fails, so the bad record is redelivered and finally kept in a dead-letter queue.
            String unreadable = null;
            try {
                read(message.id(), new ByteArrayInputStream(message.body()), records);
            } catch (IOException | UncheckedIOException e) {
                // What was read before is applied: it is valid, and idempotent when the message comes again.
                unreadable = e.getMessage();
            }
            records.flush();
            if (unreadable != null) {
                tally.fail(message.id(), message.id() + ": cannot be read: " + unreadable);
            }
            return !tally.hasFailed(message.id());
        } catch (RuntimeException e) {
            // A store or platform failure: the message is retried, its events are idempotent.
            LOG.log(Level.WARNING, "ingest of message " + message.id() + " failed", e);
            tally.fail(message.id(), message.id() + ": not applied, will be retried: " + e.getClass().getSimpleName());
            tally.retry(message.id());
            uses.ifPresent(u -> u.abandon(message.id(), tally));
            return false;
        }
    }

    private void read(String input, InputStream in, MessageRecords records) throws IOException {
        List<DecodedRecord.ObjectReference> referenced = new ArrayList<>();
        decoders.read(input, in, record -> records.accept(record, referenced));
        for (DecodedRecord.ObjectReference ref : referenced) {
            if (objects.isEmpty()) {
                records.problem(ref.at() + ": names " + ref.store() + "://" + ref.bucket() + "/" + ref.key()
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

    /** The records of one message as they are read: events applied a batch at a time. */
    private final class MessageRecords {
        private final String messageId;
        private final Tally tally;
        private final List<KeyEvent> events = new ArrayList<>();
        private final List<String> locations = new ArrayList<>();
        private final Optional<BatchUses> uses;

        MessageRecords(String messageId, Tally tally, Optional<BatchUses> uses) {
            this.messageId = messageId;
            this.tally = tally;
            this.uses = uses;
        }

        void accept(DecodedRecord record, List<DecodedRecord.ObjectReference> referenced) {
            tally.records++;
            if (record instanceof DecodedRecord.Event e) {
                events.add(e.event());
                locations.add(e.at().toString());
                if (events.size() >= batchSize) {
                    flush();
                }
            } else if (record instanceof DecodedRecord.Malformed m) {
                problem(m.at() + ": " + (m.field().isEmpty() ? "" : "field '" + m.field() + "': ") + m.message());
            } else if (record instanceof DecodedRecord.Ignored) {
                tally.ignored++;
            } else if (record instanceof DecodedRecord.KeyStoreChange c) {
                // The fan-out reads the keys' current states, so everything before it must be applied first.
                flush();
                account(messageId, inventory.applyKeyStoreChange(c), List.of(c.at().toString()), tally);
            } else if (record instanceof DecodedRecord.ObjectReference r) {
                referenced.add(r);
            }
        }

        void problem(String problem) {
            tally.fail(messageId, problem);
        }

        void flush() {
            if (events.isEmpty()) {
                return;
            }
            List<KeyEvent> batch = List.copyOf(events);
            BatchResult result = uses.isPresent() ? uses.get().apply(messageId, batch) : inventory.apply(batch);
            account(messageId, result, locations, tally);
            events.clear();
            locations.clear();
        }
    }

    private static final class Tally {
        final int messages;
        final int maxReported;
        int records;
        int applied;
        int duplicates;
        int ignored;
        long unreported;
        final List<String> failed = new ArrayList<>();
        final Set<String> failedIds = new HashSet<>();
        final List<String> problems = new ArrayList<>();
        final List<String> retry = new ArrayList<>();

        Tally(int messages, int maxReported) {
            this.messages = messages;
            this.maxReported = maxReported;
        }

        void problem(String problem) {
            if (problems.size() < maxReported) {
                problems.add(problem);
            } else {
                unreported++;
            }
        }

        void failed(String messageId) {
            if (failedIds.add(messageId)) {
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
            return failedIds.contains(messageId);
        }

        IngestOutcome outcome() {
            List<String> all = new ArrayList<>(problems);
            if (unreported > 0) {
                all.add("and " + unreported + " more " + (unreported == 1 ? "problem" : "problems")
                        + " (only the first " + maxReported + " are listed)");
            }
            return new IngestOutcome(messages, records, applied, duplicates, ignored, failed, all, retry);
        }
    }
}
