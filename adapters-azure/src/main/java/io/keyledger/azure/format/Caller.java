package io.keyledger.azure.format;

import io.keyledger.core.decode.RecordFields;
import io.keyledger.core.event.ActorType;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Who called, from the token claims a record carries. Claim names come in three spellings, all read:
 * full URIs ({@code http://schemas.microsoft.com/identity/claims/objectidentifier}), short names
 * ({@code oid}, {@code upn}, {@code appid}), and Managed HSM's nested form
 * ({@code http_schemas_microsoft_com_identity: {claims: {objectidentifier}}}).
 *
 * @param objectId                 the Entra object id ({@code oid})
 * @param upn                      a user's principal name
 * @param appId                    the application (client) id
 * @param managedIdentityResource  the Azure resource whose managed identity called ({@code xms_mirid},
 *                                 {@code xms_az_rid})
 */
public record Caller(Optional<String> objectId, Optional<String> upn, Optional<String> appId,
                     Optional<ResourceId> managedIdentityResource) {

    public static final Caller UNKNOWN = new Caller(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty());

    /**
     * Reads the claims of an {@code identity} field: an object (or its JSON text) holding {@code claim}
     * (diagnostic logs) or {@code claims} (Activity Log).
     *
     * @throws RecordFormatException naming {@code identity} if it is neither an object nor JSON text of one
     */
    static Caller fromIdentity(RecordFields record) {
        Optional<RecordFields> identity = record.object("identity");
        if (identity.isEmpty()) {
            return UNKNOWN;
        }
        JsonNode claims = identity.get().get("claim", "claims");
        if (claims.isString()) {
            claims = identity.get().object("claim", "claims").map(RecordFields::node).orElse(claims);
        }
        Map<String, String> flat = new LinkedHashMap<>();
        flatten(claims.isObject() ? claims : identity.get().node(), flat, 0);
        return new Caller(claim(flat, "oid", "objectidentifier"), claim(flat, "upn"), claim(flat, "appid", "azp"),
                claim(flat, "xms_mirid", "xms_az_rid").flatMap(ResourceId::parse));
    }

    /** USER for a user principal name, SERVICE for an application or managed identity, else UNKNOWN. */
    public ActorType type() {
        if (upn.isPresent()) {
            return ActorType.USER;
        }
        return objectId.isPresent() || appId.isPresent() ? ActorType.SERVICE : ActorType.UNKNOWN;
    }

    /** The principal to show: the UPN of a user, else the object id, else the application id. */
    public String principal() {
        return upn.or(() -> objectId).or(() -> appId).orElse("unknown");
    }

    private static void flatten(JsonNode node, Map<String, String> out, int depth) {
        if (depth > 4) {
            return;
        }
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode value = e.getValue();
            if (value.isObject()) {
                flatten(value, out, depth + 1);
            } else {
                String name = e.getKey().trim();
                String leaf = name.substring(name.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
                AzureJson.DIALECT.looseText(value).ifPresent(v -> out.putIfAbsent(leaf, v));
            }
        }
    }

    private static Optional<String> claim(Map<String, String> flat, String... names) {
        for (String name : names) {
            String v = flat.get(name);
            if (v != null) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
