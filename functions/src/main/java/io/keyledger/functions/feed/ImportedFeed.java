package io.keyledger.functions.feed;

import java.time.Instant;
import java.util.Objects;

/**
 * A partner's feed imported: whose, which, and what it recorded.
 *
 * @param keys            the partner-held keys recorded (the partner's keys now, as its feed lists them)
 * @param changes         the lifecycle changes the feed listed
 * @param alreadyImported the same feed was imported before: nothing was recorded again
 */
public record ImportedFeed(String partner, String relation, String feedId, Instant generatedAt, long keys,
                           long changes, boolean alreadyImported) {

    public ImportedFeed {
        Objects.requireNonNull(partner, "partner");
        Objects.requireNonNull(relation, "relation");
        Objects.requireNonNull(feedId, "feedId");
        Objects.requireNonNull(generatedAt, "generatedAt");
    }
}
