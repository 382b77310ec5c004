package io.keyledger.aws.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.keyledger.core.json.Json;
import io.keyledger.functions.ingest.InboundMessage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SqsBatchesTest {

    private static SQSEvent batch(String queueArn, String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (int i = 0; i < bodies.length; i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("m" + (i + 1));
            m.setBody(bodies[i]);
            m.setEventSource("aws:sqs");
            m.setEventSourceArn(queueArn);
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    private static final String STANDARD = "arn:aws:sqs:us-east-1:111122223333:keyledger-sweep";
    private static final String FIFO = "arn:aws:sqs:us-east-1:111122223333:keyledger-sweep.fifo";

    @Test
    void onAStandardQueueEachMessageFailsAlone() {
        List<String> handled = new ArrayList<>();

        SQSBatchResponse response = SqsBatches.process(batch(STANDARD, "ok", "bad", "ok", "bad"), m -> {
            handled.add(m.getMessageId());
            if (m.getBody().equals("bad")) {
                throw new IllegalStateException("refused");
            }
        });

        assertThat(failed(response)).containsExactly("m2", "m4");
        assertThat(handled).containsExactly("m1", "m2", "m3", "m4");
    }

    @Test
    void onAFifoQueueTheFirstFailureFailsTheRestUnhandled() {
        List<String> handled = new ArrayList<>();

        SQSBatchResponse response = SqsBatches.process(batch(FIFO, "ok", "bad", "ok"), m -> {
            handled.add(m.getMessageId());
            if (m.getBody().equals("bad")) {
                throw new java.io.IOException("refused");
            }
        });

        assertThat(failed(response)).containsExactly("m2", "m3");
        assertThat(handled).containsExactly("m1", "m2");
    }

    @Test
    void anEmptyOrRecordlessEventSucceeds() {
        assertThat(failed(SqsBatches.process(new SQSEvent(), m -> { }))).isEmpty();
        assertThat(SqsBatches.isFifo(new SQSEvent())).isFalse();
        assertThat(SqsBatches.messages(null)).isEmpty();
    }

    @Test
    void messagesAreTheOneRecordFormTheSqsDecoderReads() {
        List<InboundMessage> messages = SqsBatches.messages(batch(FIFO, "{\"detail-type\": \"x\"}"));

        assertThat(messages).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("m1");
            JsonNode record = Json.mapper().readTree(m.body());
            assertThat(record.get("eventSource").asString()).isEqualTo("aws:sqs");
            assertThat(record.get("eventSourceARN").asString()).isEqualTo(FIFO);
            assertThat(record.get("body").asString()).isEqualTo("{\"detail-type\": \"x\"}");
        });
        assertThat(SqsBatches.isFifo(batch(FIFO, "x"))).isTrue();
        assertThat(SqsBatches.isFifo(batch(STANDARD, "x"))).isFalse();
    }
}
