package io.keyledger.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.keyledger.core.json.Json;
import io.keyledger.functions.ingest.InboundMessage;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * SQS batches for functions whose event source mapping reports batch item failures: each message
 * succeeds or fails alone and the response names the failed ones, so only those are delivered again.
 * On a FIFO queue the first failure also fails every later message of the batch, unprocessed, so that
 * a message group keeps its order.
 */
public final class SqsBatches {

    private static final Logger LOG = System.getLogger(SqsBatches.class.getName());

    private SqsBatches() {
    }

    /** Work on one message; an exception fails that message. */
    @FunctionalInterface
    public interface MessageHandler {
        void handle(SQSEvent.SQSMessage message) throws Exception;
    }

    /** Whether the batch comes from a FIFO queue (its ARN ends in {@code .fifo}). */
    public static boolean isFifo(SQSEvent event) {
        return records(event).stream()
                .anyMatch(m -> m.getEventSourceArn() != null && m.getEventSourceArn().endsWith(".fifo"));
    }

    /**
     * The batch's messages, in order, each as the one SQS record the decoders read ({@code eventSource}
     * aws:sqs, its id, queue and body): the SQS decoder unwraps what the body holds (an EventBridge
     * event, CloudTrail records, an S3 notification, any of them in an SNS envelope) and records that
     * the event came through SQS.
     */
    public static List<InboundMessage> messages(SQSEvent event) {
        List<SQSEvent.SQSMessage> records = records(event);
        List<InboundMessage> out = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            SQSEvent.SQSMessage m = records.get(i);
            ObjectNode record = Json.mapper().createObjectNode();
            record.put("eventSource", m.getEventSource() == null ? "aws:sqs" : m.getEventSource());
            record.put("messageId", id(m, i));
            if (m.getEventSourceArn() != null) {
                record.put("eventSourceARN", m.getEventSourceArn());
            }
            record.put("body", m.getBody() == null ? "" : m.getBody());
            out.add(new InboundMessage(id(m, i), Json.mapper().writeValueAsBytes(record)));
        }
        return out;
    }

    /** The response that names these messages as failed (none: the whole batch succeeded). */
    public static SQSBatchResponse failures(List<String> messageIds) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>(messageIds.size());
        messageIds.forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
        return new SQSBatchResponse(failures);
    }

    /** Handles each message in its own try; the response names those that failed. */
    public static SQSBatchResponse process(SQSEvent event, MessageHandler handler) {
        List<SQSEvent.SQSMessage> records = records(event);
        boolean fifo = isFifo(event);
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            SQSEvent.SQSMessage m = records.get(i);
            String id = id(m, i);
            if (fifo && !failed.isEmpty()) {
                failed.add(id);
                continue;
            }
            try {
                handler.handle(m);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.log(Level.WARNING, "message " + id + " failed: " + e);
                failed.add(id);
            }
        }
        if (fifo && failed.size() > 1) {
            LOG.log(Level.WARNING, (failed.size() - 1) + " later messages of the FIFO batch were not processed, "
                    + "to keep their order");
        }
        return failures(failed);
    }

    private static List<SQSEvent.SQSMessage> records(SQSEvent event) {
        return event == null || event.getRecords() == null ? List.of() : event.getRecords();
    }

    /** A message without an id (never sent by SQS) gets a made-up one, which fails the whole batch if named. */
    private static String id(SQSEvent.SQSMessage m, int index) {
        return m.getMessageId() == null || m.getMessageId().isBlank() ? "record-" + index : m.getMessageId();
    }
}
