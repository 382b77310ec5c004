package io.keyledger.aws.sns;

import io.keyledger.core.alert.Alert;
import io.keyledger.core.alert.AlertSink;
import io.keyledger.core.json.Json;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.SnsException;

/**
 * Publishes each alert to an SNS topic. The message is the alert's JSON, the same line the JSON-lines
 * sink writes; the subject (for e-mail subscriptions) is a short summary; the message attributes
 * {@value #SEVERITY}, {@value #RULE} and {@value #TENANT} let subscriptions filter (only CRITICAL to the
 * pager, one tenant's alerts to its team). On a FIFO topic the tenant is the message group and the alert
 * id deduplicates. The SDK client retries throttling and server errors; what still fails is thrown.
 */
public final class SnsAlertSink implements AlertSink {

    public static final String SEVERITY = "severity";
    public static final String RULE = "rule";
    public static final String TENANT = "tenant";

    /** SNS's limit on subjects. */
    static final int MAX_SUBJECT = 100;

    private final SnsClient sns;
    private final String topicArn;
    private final boolean fifo;

    public SnsAlertSink(SnsClient sns, String topicArn) {
        this.sns = Objects.requireNonNull(sns, "sns");
        this.topicArn = Objects.requireNonNull(topicArn, "topicArn");
        this.fifo = topicArn.endsWith(".fifo");
    }

    @Override
    public String name() {
        return "sns:" + topicArn;
    }

    @Override
    public void send(Alert alert) throws IOException {
        PublishRequest.Builder request = PublishRequest.builder()
                .topicArn(topicArn)
                .subject(subject(alert))
                .message(Json.write(alert))
                .messageAttributes(Map.of(
                        SEVERITY, text(alert.severity().name()),
                        RULE, text(alert.rule().id()),
                        TENANT, text(alert.tenant())));
        if (fifo) {
            request.messageGroupId(alert.tenant()).messageDeduplicationId(alert.id());
        }
        try {
            sns.publish(request.build());
        } catch (SnsException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode() + ": "
                    + e.awsErrorDetails().errorMessage();
            throw new IOException(name() + " refused alert " + alert.id() + ": HTTP " + e.statusCode() + " " + code, e);
        } catch (SdkException e) {
            throw new IOException(name() + " failed for alert " + alert.id() + ": " + e.getMessage(), e);
        }
    }

    /**
     * "KeyLedger HIGH premature-destruction (acme): ..." cut to SNS's 100 characters, printable ASCII
     * only (SNS refuses line breaks and control characters in subjects).
     */
    static String subject(Alert alert) {
        String full = "KeyLedger " + alert.severity() + " " + alert.rule().id() + " (" + alert.tenant() + "): "
                + alert.message();
        StringBuilder out = new StringBuilder(MAX_SUBJECT);
        for (int i = 0; i < full.length() && out.length() < MAX_SUBJECT; i++) {
            char c = full.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? c : ' ');
        }
        if (full.length() > MAX_SUBJECT) {
            out.setLength(MAX_SUBJECT - 3);
            out.append("...");
        }
        return out.toString().strip();
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
