package io.keyledger.gcp.cloudkms;

import java.util.List;
import java.util.Map;

/**
 * The listing of a location ended with key rings it could not list (PERMISSION_DENIED): their keys are neither
 * seen nor known to be gone, so the scope is partially observed and no key is classed missing. Thrown by the
 * {@link CloudKmsKeySource#list} after the last page, so that every other key ring was swept first.
 */
public class KeyRingsDeniedException extends RuntimeException {

    private final List<String> rings;

    KeyRingsDeniedException(String scope, List<String> rings, Map<String, String> reasons) {
        super("key rings of " + scope + " could not be listed, so their keys are neither confirmed nor missing: "
                + String.join("; ", rings.stream().map(r -> r + " (" + reasons.getOrDefault(r,
                        "denied when an earlier run listed it") + ")").toList()));
        this.rings = List.copyOf(rings);
    }

    public List<String> rings() {
        return rings;
    }
}
