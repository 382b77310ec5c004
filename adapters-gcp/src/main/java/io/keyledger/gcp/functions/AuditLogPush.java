package io.keyledger.gcp.functions;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import io.keyledger.core.json.Json;
import io.keyledger.functions.ingest.InboundMessage;
import io.keyledger.functions.ingest.IngestOutcome;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Entry point of the log sink route: an HTTP function for a Pub/Sub push subscription on the topic a log
 * sink (of a project, a folder or the organisation) writes Cloud KMS's audit log entries to. The body, the
 * push request {@code {"message": {"data": <base64 LogEntry>, "messageId", ...}, "subscription"}}, goes as
 * it came through the provider-neutral ingest ({@value KeyLedgerGcpConfiguration#INGEST}).
 *
 * <p>Pub/Sub takes 2xx as an acknowledgement and anything else as a reason to deliver again: the answer is
 * 204 when every record was applied (or was a duplicate, or ignored) and when the records that were not
 * are reported ({@link DeliveryReports}) since delivering them again would fail the same way; it is 503 when
 * the store failed, for Pub/Sub to deliver again with its backoff and, past the subscription's maximum
 * attempts, to its dead-letter topic.
 */
public final class AuditLogPush implements HttpFunction, AutoCloseable {

    private static final Logger LOG = System.getLogger(AuditLogPush.class.getName());

    /** A Pub/Sub message holds at most 10 MB, 13.4 MB once base64 in the push request. */
    static final int MAX_BODY = 16 * 1024 * 1024;

    private final FunctionContext<Function<InboundMessage, IngestOutcome>> context;
    private final Function<InboundMessage, IngestOutcome> ingest;
    private final DeliveryReports reports;

    /** Called once per instance by the Functions Framework: builds the function and its clients. */
    public AuditLogPush() {
        this(FunctionContext.start(KeyLedgerGcpConfiguration.INGEST, Function.class), DeliveryReports.standardOutput());
    }

    AuditLogPush(FunctionContext<Function<InboundMessage, IngestOutcome>> context, DeliveryReports reports) {
        this.context = Objects.requireNonNull(context, "context");
        this.ingest = context.function();
        this.reports = Objects.requireNonNull(reports, "reports");
    }

    @Override
    public void service(HttpRequest request, HttpResponse response) throws Exception {
        String path = FrameworkHttp.rawPath(request);
        if (!request.getMethod().equals("POST")) {
            response.appendHeader("Allow", "POST");
            FrameworkHttp.problem(response, 405, "about:blank", "Method not allowed",
                    "a Pub/Sub push subscription POSTs its messages", path);
            return;
        }
        byte[] body;
        try {
            body = FrameworkHttp.body(request, MAX_BODY);
        } catch (FrameworkHttp.BodyTooLarge e) {
            // Acknowledged: no redelivery of this message can be read either.
            reports.rejected(KeyLedgerGcpConfiguration.INGEST, "push", List.of("push request: " + e.getMessage()));
            response.setStatusCode(204);
            return;
        }
        InboundMessage delivery = new InboundMessage(messageId(body).orElse("push"), body);
        try {
            Deliveries.settle(KeyLedgerGcpConfiguration.INGEST, delivery.id(), ingest.apply(delivery), reports);
            response.setStatusCode(204);
        } catch (DeliveryFailedException e) {
            LOG.log(Level.WARNING, e.getMessage());
            FrameworkHttp.problem(response, 503, "about:blank", "Service unavailable",
                    "the message was not ingested and is to be delivered again", path);
        }
    }

    /** The message's id, to name it in reports: {@code message.messageId} of the push request, if it has one. */
    static Optional<String> messageId(byte[] body) {
        try {
            JsonNode root = Json.mapper().readTree(new String(body, StandardCharsets.UTF_8));
            JsonNode id = root == null ? null : root.path("message").path("messageId");
            return id != null && id.isString() && !id.asString().isBlank() && id.asString().length() <= 128
                    ? Optional.of(id.asString()) : Optional.empty();
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
