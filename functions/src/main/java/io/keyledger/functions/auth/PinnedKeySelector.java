package io.keyledger.functions.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import java.security.Key;
import java.util.List;
import java.util.Set;

/**
 * The issuer's keys that fit a token's header, for the pinned algorithms only; says so distinctly
 * when none fits, so that an unknown key id is told apart from a bad signature.
 */
final class PinnedKeySelector implements JWSKeySelector<SecurityContext> {

    private final JWSVerificationKeySelector<SecurityContext> delegate;

    PinnedKeySelector(Set<JWSAlgorithm> algorithms, JWKSource<SecurityContext> keys) {
        this.delegate = new JWSVerificationKeySelector<>(algorithms, keys);
    }

    @Override
    public List<? extends Key> selectJWSKeys(JWSHeader header, SecurityContext context) throws KeySourceException {
        List<Key> keys = delegate.selectJWSKeys(header, context);
        if (keys.isEmpty()) {
            throw new UnknownSigningKey();
        }
        return keys;
    }
}
