package io.keyledger.functions.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.ExpiredJWTException;
import com.nimbusds.jose.proc.SecurityContext;
import java.time.Clock;
import java.util.Date;
import java.util.Set;

/**
 * Issuer, audience, expiry and not-before, checked against the injected clock (nimbus asks
 * {@link #currentTime()}, which would otherwise read the system clock). Rejections carry KeyLedger's
 * own messages, which never quote a claim's value.
 */
final class TokenClaimsCheck extends DefaultJWTClaimsVerifier<SecurityContext> {

    static final Set<String> REQUIRED = Set.of("iss", "sub", "exp");

    private final Set<String> issuers;
    private final Clock clock;

    TokenClaimsCheck(OidcSettings settings, Clock clock) {
        super(settings.audiences(), new JWTClaimsSet.Builder().build(), REQUIRED, null);
        this.issuers = settings.acceptedIssuers();
        this.clock = clock;
        setMaxClockSkew((int) settings.clockSkew().toSeconds());
    }

    @Override
    protected Date currentTime() {
        return Date.from(clock.instant());
    }

    @Override
    public void verify(JWTClaimsSet claims, SecurityContext context) throws BadJWTException {
        if (claims.getIssuer() == null || !issuers.contains(claims.getIssuer())) {
            throw new Rejected("bearer token issuer is not accepted");
        }
        try {
            super.verify(claims, context);
        } catch (ExpiredJWTException e) {
            throw new Rejected("bearer token has expired");
        } catch (BadJWTException e) {
            throw new Rejected(reason(e.getMessage()));
        }
    }

    private static String reason(String nimbusMessage) {
        String message = nimbusMessage == null ? "" : nimbusMessage;
        if (message.startsWith("JWT before use time")) {
            return "bearer token is not valid yet";
        }
        if (message.contains("aud")) {
            return "bearer token audience is not accepted";
        }
        if (message.startsWith("JWT missing required claims")) {
            return "bearer token lacks a required claim (iss, sub, exp)";
        }
        return "bearer token claims are not accepted";
    }

    /** A rejection whose message is KeyLedger's own and safe to show. */
    static final class Rejected extends BadJWTException {
        private static final long serialVersionUID = 1L;

        Rejected(String message) {
            super(message);
        }
    }
}
