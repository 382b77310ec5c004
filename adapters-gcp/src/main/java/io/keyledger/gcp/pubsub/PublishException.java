package io.keyledger.gcp.pubsub;

/**
 * Pub/Sub did not take messages after the client's retries: names the topic, the gRPC status code and how
 * many messages of the call were published before the failure (their ids are lost to the caller, but the
 * messages are not: a repeat publishes them again, which every KeyLedger consumer tolerates).
 */
public final class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String code;
    private final int published;

    public PublishException(PubSubTopic topic, String code, int published, String message, Throwable cause) {
        super("Pub/Sub topic " + topic + " refused messages: " + code + ": " + message
                + (published > 0 ? " (" + published + " published before)" : ""), cause);
        this.code = code;
        this.published = published;
    }

    /** The gRPC status code: {@code NOT_FOUND}, {@code PERMISSION_DENIED}, {@code UNAVAILABLE}, ... */
    public String code() {
        return code;
    }

    public int published() {
        return published;
    }
}
