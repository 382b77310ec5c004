package io.keyledger.core.key;

import java.util.Objects;

/**
 * Canonical identity of one key.
 *
 * <p>Account scope and location are those of a sweep scope, so that events and listings of the same
 * key agree:
 * <table>
 *   <caption>Conventions per provider</caption>
 *   <tr><th></th><th>accountScope</th><th>location</th><th>nativeId</th></tr>
 *   <tr><td>AWS</td><td>12-digit account id</td><td>region</td>
 *       <td>key ARN {@code arn:aws:kms:<region>:<account>:key/<key-id>}</td></tr>
 *   <tr><td>Azure</td><td>subscription id, lower case</td><td>vault or managed HSM name, lower case</td>
 *       <td>{@code https://<vault>.vault.azure.net/keys/<name>} (or {@code .managedhsm.azure.net}),
 *       lower case, without version</td></tr>
 *   <tr><td>Google</td><td>project id</td><td>location ({@code europe-west1}, {@code global})</td>
 *       <td>{@code projects/<p>/locations/<l>/keyRings/<r>/cryptoKeys/<k>}, without version</td></tr>
 * </table>
 */
public record KeyRef(Provider provider, String accountScope, String location, String nativeId) {

    public KeyRef {
        Objects.requireNonNull(provider, "provider");
        accountScope = requireText(accountScope, "accountScope");
        location = requireText(location, "location");
        nativeId = requireText(nativeId, "nativeId");
    }

    /** The key id used throughout KeyLedger: {@code <provider code>:<native id>}. */
    public String id() {
        return provider.code() + ":" + nativeId;
    }

    // equals and hashCode written out: keys are looked up in maps for every event applied, and a record's
    // generated methods cost several times more under the client compiler the CLI runs with.
    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRef other && provider == other.provider && nativeId.equals(other.nativeId)
                && location.equals(other.location) && accountScope.equals(other.accountScope);
    }

    @Override
    public int hashCode() {
        return ((provider.hashCode() * 31 + accountScope.hashCode()) * 31 + location.hashCode()) * 31
                + nativeId.hashCode();
    }

    static String requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(field + " must not contain control characters");
            }
        }
        return value.trim();
    }
}
