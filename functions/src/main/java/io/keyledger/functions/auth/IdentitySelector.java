package io.keyledger.functions.auth;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Which identities one entry of a {@link PrincipalMapping} applies to. */
public sealed interface IdentitySelector {

    boolean matches(Identity identity);

    /** The selector in words, as the evidence and access reviews list it ("email ann@example.com"). */
    default String describe() {
        if (this instanceof Subject s) {
            return "subject " + s.subject() + " of " + s.issuer();
        }
        if (this instanceof Email e) {
            return "email " + e.email() + e.issuer().map(i -> " of " + i).orElse("");
        }
        if (this instanceof AzureObjectId a) {
            return "Entra object " + a.objectId();
        }
        return "IAM " + ((IamArnPattern) this).pattern();
    }

    /** One subject of one token issuer ({@code iss} and {@code sub}, exactly). */
    record Subject(String issuer, String subject) implements IdentitySelector {
        public Subject {
            requireText(issuer, "issuer");
            requireText(subject, "subject");
        }

        @Override
        public boolean matches(Identity identity) {
            return identity instanceof Identity.TokenSubject t && t.issuer().equals(issuer) && t.subject().equals(subject);
        }
    }

    /** A verified email address (any case), from any configured issuer or from the one named. */
    record Email(String email, Optional<String> issuer) implements IdentitySelector {
        public Email {
            requireText(email, "email");
            if (!email.contains("@")) {
                throw new IllegalArgumentException("expected an email address");
            }
            email = email.strip().toLowerCase(Locale.ROOT);
            Objects.requireNonNull(issuer, "issuer").ifPresent(i -> requireText(i, "issuer"));
        }

        @Override
        public boolean matches(Identity identity) {
            return identity instanceof Identity.TokenSubject t
                    && t.verifiedEmail().filter(email::equals).isPresent()
                    && issuer.map(t.issuer()::equals).orElse(true);
        }
    }

    /** A Microsoft Entra object id (a GUID, any case). */
    record AzureObjectId(String objectId) implements IdentitySelector {
        private static final Pattern GUID =
                Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

        public AzureObjectId {
            if (objectId == null || !GUID.matcher(objectId).matches()) {
                throw new IllegalArgumentException("expected an object id (a GUID such as 6e2c3b5a-...)");
            }
            objectId = objectId.toLowerCase(Locale.ROOT);
        }

        static boolean isGuid(String text) {
            return text != null && GUID.matcher(text).matches();
        }

        @Override
        public boolean matches(Identity identity) {
            return identity instanceof Identity.AzureObject a && a.objectId().equals(objectId);
        }
    }

    /**
     * An IAM principal ARN, or a pattern of them where {@code *} stands for any run of characters
     * other than {@code :}. Partition and account are always exact, so that a pattern never reaches
     * into another account: {@code arn:aws:iam::111122223333:role/keyledger-*}. Assumed-role sessions
     * match through their role (write the role ARN without its path, as STS reports it).
     */
    record IamArnPattern(String pattern) implements IdentitySelector {
        private static final Pattern SHAPE = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:[^:]+");

        public IamArnPattern {
            if (pattern == null || !SHAPE.matcher(pattern).matches()) {
                throw new IllegalArgumentException("expected an IAM ARN such as arn:aws:iam::111122223333:role/ROLE"
                        + " (partition and 12-digit account exact, '*' only in the resource part)");
            }
        }

        @Override
        public boolean matches(Identity identity) {
            return identity instanceof Identity.IamPrincipal p && Glob.matches(pattern, p.principalArn());
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
    }
}
