package io.keyledger.core.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Objects;

/** Whether the audited call succeeded. Failed calls are recorded and change no state. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "status")
@JsonSubTypes({
        @JsonSubTypes.Type(value = Outcome.Success.class, name = "SUCCESS"),
        @JsonSubTypes.Type(value = Outcome.Failure.class, name = "FAILURE")})
public sealed interface Outcome permits Outcome.Success, Outcome.Failure {

    Success SUCCESS = new Success();

    boolean succeeded();

    record Success() implements Outcome {
        @Override
        public boolean succeeded() {
            return true;
        }
    }

    /** A call the provider refused; {@code errorCode} is the provider's ("AccessDeniedException", "403"). */
    record Failure(String errorCode, String message) implements Outcome {
        public Failure {
            Objects.requireNonNull(errorCode, "errorCode");
            message = message == null ? "" : message;
        }

        @Override
        public boolean succeeded() {
            return false;
        }
    }

    static Outcome failure(String errorCode, String message) {
        return new Failure(errorCode, message);
    }
}
