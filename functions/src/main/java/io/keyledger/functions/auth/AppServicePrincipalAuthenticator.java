package io.keyledger.functions.auth;

import io.keyledger.core.access.Principal;
import io.keyledger.functions.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Identity from Azure App Service authentication: the base64 JSON {@code X-MS-CLIENT-PRINCIPAL}
 * header ({@code auth_typ}, {@code claims} of {@code typ}/{@code val}, {@code name_typ},
 * {@code role_typ}), with {@code X-MS-CLIENT-PRINCIPAL-ID} as a fallback for the object id. The caller
 * is its Microsoft Entra object id; roles come from the {@code azureObjectId} entries of a
 * {@link PrincipalMapping}. Only when {@link AppServiceSettings#trustPlatformHeaders()} is set.
 */
public final class AppServicePrincipalAuthenticator implements CredentialAuthenticator {

    static final String PRINCIPAL_HEADER = "X-MS-CLIENT-PRINCIPAL";
    static final String PRINCIPAL_ID_HEADER = "X-MS-CLIENT-PRINCIPAL-ID";
    static final String OBJECT_ID_CLAIM = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    static final String SHORT_OBJECT_ID_CLAIM = "oid";

    private static final int MAX_HEADER_LENGTH = 64 * 1024;
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final AppServiceSettings settings;
    private final PrincipalMapping mapping;

    public AppServicePrincipalAuthenticator(AppServiceSettings settings, PrincipalMapping mapping) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /** Never while disabled: then the headers are ignored, whoever sent them. */
    @Override
    public boolean recognises(HttpRequest request) {
        return settings.trustPlatformHeaders() && request.header(PRINCIPAL_HEADER).isPresent();
    }

    @Override
    public Principal authenticate(HttpRequest request) {
        if (!settings.trustPlatformHeaders()) {
            throw new AuthenticationException("App Service authentication headers are not trusted in this deployment");
        }
        JsonNode principal = decode(request.header(PRINCIPAL_HEADER)
                .orElseThrow(() -> new AuthenticationException("missing App Service client principal")));
        String provider = principal.path("auth_typ").asString("");
        if (!settings.identityProviders().contains(provider.toLowerCase(java.util.Locale.ROOT))) {
            throw new AuthenticationException("App Service identity provider is not accepted");
        }
        String objectId = claim(principal, OBJECT_ID_CLAIM)
                .or(() -> claim(principal, SHORT_OBJECT_ID_CLAIM))
                .or(() -> request.header(PRINCIPAL_ID_HEADER).map(String::strip))
                .orElseThrow(() -> new AuthenticationException("App Service client principal has no object id"));
        if (!IdentitySelector.AzureObjectId.isGuid(objectId)) {
            throw new AuthenticationException("App Service client principal object id is malformed");
        }
        Identity.AzureObject identity = new Identity.AzureObject(objectId);
        return new Principal(provider.toLowerCase(java.util.Locale.ROOT) + ":" + identity.objectId(),
                mapping.rolesOf(identity));
    }

    private static JsonNode decode(String header) {
        if (header.length() > MAX_HEADER_LENGTH) {
            throw new AuthenticationException("App Service client principal is too long");
        }
        byte[] json;
        try {
            json = Base64.getDecoder().decode(header.strip());
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("App Service client principal is not valid base64");
        }
        JsonNode node;
        try {
            node = MAPPER.readTree(new String(json, StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            throw new AuthenticationException("App Service client principal is not valid JSON");
        }
        if (node == null || !node.isObject() || !node.path("auth_typ").isString() || !node.path("claims").isArray()) {
            throw new AuthenticationException("App Service client principal lacks auth_typ or claims");
        }
        return node;
    }

    private static Optional<String> claim(JsonNode principal, String type) {
        for (JsonNode claim : principal.get("claims")) {
            if (type.equals(claim.path("typ").asString(null)) && claim.path("val").isString()) {
                return Optional.of(claim.path("val").asString().strip());
            }
        }
        return Optional.empty();
    }
}
