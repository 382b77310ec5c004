package io.keyledger.functions.auth;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** Who a caller was proven to be, before any role is known: what a {@link PrincipalMapping} looks up. */
public sealed interface Identity {

    /**
     * The subject of a verified token.
     *
     * @param issuer        the configured issuer that verified the token
     * @param verifiedEmail the {@code email} claim, lower-cased, only when the token says the issuer verified it
     */
    record TokenSubject(String issuer, String subject, Optional<String> verifiedEmail) implements Identity {
        public TokenSubject {
            Objects.requireNonNull(issuer, "issuer");
            Objects.requireNonNull(subject, "subject");
            verifiedEmail = Objects.requireNonNull(verifiedEmail, "verifiedEmail").map(e -> e.toLowerCase(Locale.ROOT));
        }
    }

    /** A Microsoft Entra object id (user, group member or service principal), lower-cased. */
    record AzureObject(String objectId) implements Identity {
        public AzureObject {
            objectId = Objects.requireNonNull(objectId, "objectId").toLowerCase(Locale.ROOT);
        }
    }

    /** An AWS IAM principal, assumed-role sessions already reduced to their role (see {@link IamArn}). */
    record IamPrincipal(String principalArn) implements Identity {
        public IamPrincipal {
            Objects.requireNonNull(principalArn, "principalArn");
        }
    }
}
