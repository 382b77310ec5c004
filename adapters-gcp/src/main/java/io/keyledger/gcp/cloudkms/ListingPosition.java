package io.keyledger.gcp.cloudkms;

import io.keyledger.core.store.Cursors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a listing of one project and location stands: the page of key rings, the key ring, the page of its keys,
 * and the key rings that could not be listed so far. It is the key source's cursor, carried from page to page
 * and from one invocation to the next. Once every key ring has been listed, a listing that met denied key rings
 * ends on a position that names only them ({@link #retrying}): a later run resumes by listing just those.
 *
 * @param ringPageToken Cloud KMS's token of the page of key rings holding {@code ring} (empty: the first page)
 * @param ring          the key ring id being listed (empty: the first of the page)
 * @param keyPageToken  Cloud KMS's token of the next page of the ring's keys (empty: its first)
 * @param only          when not empty, the key rings to list, instead of every key ring of the location
 * @param denied        the key rings this listing could not list so far
 * @param done          true when every key ring has been tried and only the denied ones are left to report
 */
record ListingPosition(String ringPageToken, String ring, String keyPageToken, List<String> only, List<String> denied,
                       boolean done) {

    private static final String VERSION = "gcp-kms-1";

    ListingPosition {
        only = List.copyOf(only);
        denied = List.copyOf(denied);
    }

    static final ListingPosition START = new ListingPosition("", "", "", List.of(), List.of(), false);

    /** The start of a listing of just the given key rings. */
    static ListingPosition retrying(List<String> rings) {
        return new ListingPosition("", rings.get(0), "", rings, List.of(), false);
    }

    ListingPosition withKeyPage(String token) {
        return new ListingPosition(ringPageToken, ring, token, only, denied, false);
    }

    ListingPosition atRing(String pageToken, String nextRing) {
        return new ListingPosition(pageToken, nextRing, "", only, denied, false);
    }

    ListingPosition deny(String deniedRing) {
        List<String> more = new ArrayList<>(denied);
        if (!more.contains(deniedRing)) {
            more.add(deniedRing);
        }
        return new ListingPosition(ringPageToken, ring, keyPageToken, only, more, done);
    }

    ListingPosition finished() {
        return new ListingPosition("", "", "", List.of(), denied, true);
    }

    String encode() {
        String text = String.join("\n", VERSION, ringPageToken, ring, keyPageToken, String.join(",", only),
                String.join(",", denied), Boolean.toString(done));
        return Cursors.encode(text);
    }

    static ListingPosition decode(Optional<String> cursor, String scope) {
        if (cursor.isEmpty()) {
            return START;
        }
        String[] parts = Cursors.decode(cursor.get()).split("\n", -1);
        if (parts.length != 7 || !parts[0].equals(VERSION)) {
            throw new IllegalArgumentException("not a cursor of a Cloud KMS listing of " + scope + ": '"
                    + cursor.get() + "'");
        }
        return new ListingPosition(parts[1], parts[2], parts[3], list(parts[4]), list(parts[5]),
                Boolean.parseBoolean(parts[6]));
    }

    private static List<String> list(String text) {
        return text.isEmpty() ? List.of() : Arrays.asList(text.split(","));
    }
}
