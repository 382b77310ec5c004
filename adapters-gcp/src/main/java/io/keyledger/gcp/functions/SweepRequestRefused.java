package io.keyledger.gcp.functions;

/**
 * A sweep message that can never be swept as it is: not a sweep request, or one naming a tenant its project
 * does not belong to here. Delivering it again would fail the same way, so the worker acknowledges it and
 * reports it instead of having Pub/Sub retry it for days.
 */
public final class SweepRequestRefused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SweepRequestRefused(String message) {
        super(message);
    }
}
