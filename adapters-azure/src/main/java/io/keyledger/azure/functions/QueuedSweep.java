package io.keyledger.azure.functions;

import java.util.Objects;

/**
 * A sweep queue message as the queue trigger hands it over.
 *
 * @param dequeueCount how often the queue has handed it out, this time included; past the host's
 *                     {@code maxDequeueCount} ({@value #MAX_DEQUEUE_COUNT} in host.json) the host moves it to the
 *                     poison queue instead
 */
public record QueuedSweep(String messageId, String body, long dequeueCount) {

    /** host.json's {@code extensions.queues.maxDequeueCount}. */
    public static final int MAX_DEQUEUE_COUNT = 5;

    public QueuedSweep {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(body, "body");
    }

    /** Whether this is the last try before the message goes to the poison queue. */
    public boolean lastAttempt() {
        return dequeueCount >= MAX_DEQUEUE_COUNT;
    }
}
