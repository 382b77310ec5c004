package io.keyledger.core.access;

/** A request that access control refused; {@link #decision()} tells DENIED from NOT_FOUND. */
public class AccessDeniedException extends RuntimeException {

    private final AccessDecision decision;

    public AccessDeniedException(AccessDecision decision, String message) {
        super(message);
        this.decision = decision;
    }

    public AccessDecision decision() {
        return decision;
    }
}
