package io.keyledger.functions.auth;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether to trust Azure App Service authentication ("Easy Auth"). App Service strips client-supplied
 * copies of its {@code X-MS-CLIENT-PRINCIPAL*} headers before it sets them, so they prove identity
 * only behind App Service with authentication on; anywhere else anyone can send them. Off unless set.
 *
 * @param trustPlatformHeaders read the headers at all
 * @param identityProviders    the {@code auth_typ} values accepted ({@code aad} for Microsoft Entra ID)
 */
public record AppServiceSettings(boolean trustPlatformHeaders, Set<String> identityProviders) {

    public AppServiceSettings {
        identityProviders = identityProviders == null ? Set.of()
                : identityProviders.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (trustPlatformHeaders && identityProviders.isEmpty()) {
            throw new IllegalArgumentException("identityProviders: name at least one accepted auth_typ, such as aad");
        }
    }

    public static AppServiceSettings disabled() {
        return new AppServiceSettings(false, Set.of());
    }

    /** Trusts the headers for Microsoft Entra ID sign-ins ({@code auth_typ} {@code aad}). */
    public static AppServiceSettings trustedForEntraId() {
        return new AppServiceSettings(true, Set.of("aad"));
    }
}
