package io.keyledger.core.sweep;

import io.keyledger.core.key.Provider;
import java.util.Objects;

/**
 * One provider API operation that KeyLedger may send, and the permission its caller needs for it. Key
 * sources declare the operations they send ({@link KeySource#operations()}), and so does the scope
 * discovery that goes with them; deployments grant exactly the declared permissions, so that a call the
 * code makes is never one the deployment denies (the key would be left partially observed).
 *
 * @param provider      whose API it is
 * @param service       the provider's service that answers it: {@code kms}, {@code sts} on AWS;
 *                      {@code Microsoft.KeyVault} on Azure; {@code cloudkms} on Google
 * @param name          the operation as the provider's API reference and audit logs name it ({@code ListKeys})
 * @param permission    what the caller must be granted: an IAM action on AWS ({@code kms:ListKeys}), a (data)
 *                      action on Azure ({@code Microsoft.KeyVault/vaults/keys/read}), an IAM permission on
 *                      Google ({@code cloudkms.cryptoKeys.list})
 * @param resourceLevel whether the permission can be granted on named resources (a key, a role); when not, a
 *                      grant must name every resource ({@code *} in an IAM policy)
 */
public record ApiOperation(Provider provider, String service, String name, String permission, boolean resourceLevel) {

    public ApiOperation {
        Objects.requireNonNull(provider, "provider");
        requireWord("service", service);
        requireWord("name", name);
        requireWord("permission", permission);
        // A declared permission names one operation's grant: a wildcard would grant what nobody declared.
        if (permission.contains("*")) {
            throw new IllegalArgumentException("field 'permission': a declared permission has no wildcard: '"
                    + permission + "'");
        }
    }

    /** "kms ListKeys": how error messages and logs name the operation. */
    @Override
    public String toString() {
        return service + " " + name;
    }

    private static void requireWord(String field, String value) {
        if (value == null || value.isBlank() || !value.strip().equals(value) || value.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("field '" + field + "': expected a name without spaces, not '"
                    + value + "'");
        }
    }
}
