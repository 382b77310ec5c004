package io.keyledger.functions.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature, header and key were already verified, with their claims, so that a client that
 * sends the same token with every request costs one signature check, not one per request (an ES256 check
 * takes longer than answering a page of keys). Only sound while the keys cannot change: a token is the same
 * bytes each time, so it verifies the same way against the same keys. What depends on the time (expiry,
 * not-before) is checked again on every use by the caller. Holds at most {@code capacity} tokens; one more
 * pushes out another.
 */
final class VerifiedTokens {

    /** Remembers nothing: every token is verified in full. */
    static final VerifiedTokens NONE = new VerifiedTokens(0);

    private final int capacity;
    private final ConcurrentHashMap<String, JWTClaimsSet> claimsByToken = new ConcurrentHashMap<>();

    VerifiedTokens(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity: expected 0 or more, not " + capacity);
        }
        this.capacity = capacity;
    }

    /** The claims of a token verified before, exactly as given then. */
    Optional<JWTClaimsSet> claims(String token) {
        return capacity == 0 ? Optional.empty() : Optional.ofNullable(claimsByToken.get(token));
    }

    /** Keeps a token whose signature, header and key were verified, with its claims. */
    void remember(String token, JWTClaimsSet claims) {
        if (capacity == 0) {
            return;
        }
        while (claimsByToken.size() >= capacity) {
            Iterator<String> any = claimsByToken.keySet().iterator();
            if (!any.hasNext()) {
                break;
            }
            claimsByToken.remove(any.next());
        }
        claimsByToken.put(token, claims);
    }

    /** Forgets a token, once its claims are no longer accepted (it has expired). */
    void forget(String token) {
        claimsByToken.remove(token);
    }

    int size() {
        return claimsByToken.size();
    }
}
