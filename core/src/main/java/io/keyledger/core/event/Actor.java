package io.keyledger.core.event;

import java.util.Objects;
import java.util.Optional;

/**
 * Who made a change, and from where.
 *
 * @param principal  the provider's principal id (IAM ARN, Entra object id / UPN, Google account email)
 * @param invokedBy  the calling service when a service acted on the principal's behalf
 */
public record Actor(String principal, ActorType type, Optional<String> sourceIp, Optional<String> userAgent,
                    Optional<String> invokedBy) {

    public Actor {
        principal = principal == null || principal.isBlank() ? "unknown" : principal.trim();
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sourceIp, "sourceIp");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(invokedBy, "invokedBy");
    }

    public static Actor of(String principal, ActorType type) {
        return new Actor(principal, type, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static Actor system(String name) {
        return of(name, ActorType.SYSTEM);
    }
}
