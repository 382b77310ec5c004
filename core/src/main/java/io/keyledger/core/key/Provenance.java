package io.keyledger.core.key;

import java.time.Instant;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Where KeyLedger's knowledge of a key comes from.
 *
 * @param firstSeenAt       event time of the earliest event (or, to the hour, use) known for the key
 * @param lastEventAt       event time of the latest event applied
 * @param lastEventId       provider event id of the latest event applied; empty while only uses are known
 * @param lastSweptAt       last time a sweep confirmed or corrected the key
 * @param observation       whether the last read of the key's details (a sweep) could read them in full
 * @param observationNote   why that read was partial, if it was
 * @param unknownAttributes the describing attributes ({@link #DESCRIBING}) that no event or listing has
 *                          told yet: a key first seen in a DisableKey is known to exist and to be disabled,
 *                          not what kind of key it is
 * @param createdBy         the principal of the key's creation event, when one was seen
 * @param firstEventAt      the time of the earliest event folded into the record
 * @param firstEventId      that event's id: a re-fold that no longer finds it among the key's stored events
 *                          knows that older history has been purged, and starts from the record
 */
public record Provenance(Instant firstSeenAt, Instant lastEventAt, String lastEventId,
                         Optional<Instant> lastSweptAt, Observation observation, Optional<String> observationNote,
                         Set<String> unknownAttributes, Optional<String> createdBy, Optional<Instant> firstEventAt,
                         Optional<String> firstEventId) {

    /** The attributes a key's description consists of: until each is told, the key is partially observed. */
    public static final SortedSet<String> DESCRIBING = Collections.unmodifiableSortedSet(new TreeSet<>(Set.of(
            "state", "kind", "algorithm", "keyUsage", "protection", "origin", "manager", "createdAt")));

    public Provenance {
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        Objects.requireNonNull(lastEventAt, "lastEventAt");
        Objects.requireNonNull(lastEventId, "lastEventId");
        Objects.requireNonNull(lastSweptAt, "lastSweptAt");
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(observationNote, "observationNote");
        // Records stored before these fields existed read them as absent.
        unknownAttributes = Collections.unmodifiableSortedSet(
                new TreeSet<>(unknownAttributes == null ? Set.of() : unknownAttributes));
        createdBy = createdBy == null ? Optional.empty() : createdBy;
        firstEventAt = firstEventAt == null ? Optional.empty() : firstEventAt;
        firstEventId = firstEventId == null ? Optional.empty() : firstEventId;
    }

    public Provenance(Instant firstSeenAt, Instant lastEventAt, String lastEventId, Optional<Instant> lastSweptAt,
                      Observation observation, Optional<String> observationNote) {
        this(firstSeenAt, lastEventAt, lastEventId, lastSweptAt, observation, observationNote, Set.of(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether the record holds no event yet, only uses (which are aggregated, never stored one by one). */
    public boolean usesOnly() {
        return lastEventId.isEmpty();
    }

    public Provenance withObservation(Observation o, Optional<String> note) {
        return new Provenance(firstSeenAt, lastEventAt, lastEventId, lastSweptAt, o, note, unknownAttributes,
                createdBy, firstEventAt, firstEventId);
    }

    public Provenance withUnknownAttributes(Set<String> unknown) {
        return new Provenance(firstSeenAt, lastEventAt, lastEventId, lastSweptAt, observation, observationNote,
                unknown, createdBy, firstEventAt, firstEventId);
    }

    public Provenance withCreatedBy(Optional<String> principal) {
        return new Provenance(firstSeenAt, lastEventAt, lastEventId, lastSweptAt, observation, observationNote,
                unknownAttributes, principal, firstEventAt, firstEventId);
    }

    public Provenance withFirstSeenAt(Instant at) {
        return new Provenance(at, lastEventAt, lastEventId, lastSweptAt, observation, observationNote,
                unknownAttributes, createdBy, firstEventAt, firstEventId);
    }

    /** With {@code (at, id)} as the earliest event folded, if it is earlier than the one known. */
    public Provenance withEventFolded(Instant at, String id) {
        boolean earlier = firstEventAt.isEmpty() || at.isBefore(firstEventAt.get())
                || at.equals(firstEventAt.get()) && id.compareTo(firstEventId.orElse("")) < 0;
        return earlier ? new Provenance(firstSeenAt, lastEventAt, lastEventId, lastSweptAt, observation,
                observationNote, unknownAttributes, createdBy, Optional.of(at), Optional.of(id)) : this;
    }
}
