package io.keyledger.core.key;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where KeyLedger's knowledge of a key comes from.
 *
 * @param firstSeenAt     event time of the earliest event known for the key
 * @param lastEventAt     event time of the latest event applied
 * @param lastEventId     provider event id of the latest event applied
 * @param lastSweptAt     last time a sweep confirmed or corrected the key
 * @param observation     whether the key's details could be read in full
 * @param observationNote why the key is only partially observed, if it is
 */
public record Provenance(Instant firstSeenAt, Instant lastEventAt, String lastEventId,
                         Optional<Instant> lastSweptAt, Observation observation, Optional<String> observationNote) {

    public Provenance {
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastEventAt, "lastEventAt");
        Objects.requireNonNull(lastEventId, "lastEventId");
        Objects.requireNonNull(lastSweptAt, "lastSweptAt");
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(observationNote, "observationNote");
    }
}
