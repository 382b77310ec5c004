package io.keyledger.core.key;

import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Who may use or manage a key beside its account's own administrators, as the provider's access
 * controls say: read by a sweep (AWS ListGrants and GetKeyPolicy; an Azure vault's access model; ...) or
 * told by events (a grant created, a key policy put). Each list is bounded to {@value #LISTED} names.
 *
 * @param grantees           principals holding grants on the key (AWS grants, Azure access policies, Google IAM bindings)
 * @param externalPrincipals principals of other accounts (or {@code *}, anyone) the key's policy lets in
 * @param policyLockoutRisk  whether the key's policy leaves nobody of the account able to manage it, if analysed
 * @param model              how access to the key is controlled ({@code key-policy}, {@code rbac}, {@code access-policies})
 */
public record KeyAccess(Set<String> grantees, Set<String> externalPrincipals, Optional<Boolean> policyLockoutRisk,
                        Optional<String> model) {

    public static final int LISTED = 100;
    public static final KeyAccess NONE = new KeyAccess(Set.of(), Set.of(), Optional.empty(), Optional.empty());

    public KeyAccess {
        grantees = bounded(grantees);
        externalPrincipals = bounded(externalPrincipals);
        Objects.requireNonNull(policyLockoutRisk, "policyLockoutRisk");
        Objects.requireNonNull(model, "model");
    }

    public KeyAccess withGrantees(Collection<String> v) {
        return new KeyAccess(Set.copyOf(v), externalPrincipals, policyLockoutRisk, model);
    }

    public KeyAccess withExternalPrincipals(Collection<String> v) {
        return new KeyAccess(grantees, Set.copyOf(v), policyLockoutRisk, model);
    }

    public KeyAccess withPolicyLockoutRisk(Optional<Boolean> v) {
        return new KeyAccess(grantees, externalPrincipals, v, model);
    }

    public KeyAccess withModel(Optional<String> v) {
        return new KeyAccess(grantees, externalPrincipals, policyLockoutRisk, v);
    }

    private static SortedSet<String> bounded(Collection<String> values) {
        SortedSet<String> out = new TreeSet<>();
        for (String v : new TreeSet<>(values == null ? Set.of() : values)) {
            if (out.size() == LISTED) {
                break;
            }
            out.add(v);
        }
        return Collections.unmodifiableSortedSet(out);
    }
}
