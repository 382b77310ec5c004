package io.keyledger.gcp.snapshot;

import io.keyledger.core.event.KeyAttribute;
import io.keyledger.core.key.ProtectedResources;
import io.keyledger.core.sweep.SnapshotFormatException;
import io.keyledger.gcp.format.ServiceAgents;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * What Google's KMS Inventory API says a key protects, saved per key as {@code protected-resources/<key>.json}:
 * either {@code gcloud kms inventory search-protected-resources --keyname K --scope S --format=json} (a list
 * of ProtectedResource, each with its {@code name} and {@code resourceType}) or {@code gcloud kms inventory
 * get-protected-resources-summary --keyname K --format=json} (a count, {@code resourceCount}, and the counts
 * per {@code resourceTypes}). Either becomes the usage attributes a use would carry: the resources
 * ({@code usage.resource}, the first {@value ProtectedResources#NAMED} by name, and their count), the
 * services of their resource types ({@code usage.service}, or {@code usage.aiService} for an AI service).
 */
final class ProtectedResourcesFile {

    /** Resource names longer than this are no resource name: they are left out, never stored. */
    private static final int MAX_NAME = 512;

    /** The usage attributes of the file, or why it could not be read (a denied call saved in its place). */
    record Read(Map<String, String> attributes, Optional<String> denied) {
    }

    private ProtectedResourcesFile() {
    }

    static Read read(Path file) throws IOException {
        ListingFile listing = ListingFile.read(file, true);
        if (listing instanceof ListingFile.Failed failed) {
            return new Read(Map.of(), Optional.of(failed.reason()));
        }
        Set<String> names = new TreeSet<>();
        Set<String> types = new TreeSet<>();
        long count;
        if (listing instanceof ListingFile.Items items) {
            JsonNode array = items.array();
            for (int i = 0; i < array.size(); i++) {
                JsonNode r = array.get(i);
                if (!r.isObject() || !r.path("name").isString()) {
                    throw new SnapshotFormatException(file, "[" + i + "].name", "missing: expected a ProtectedResource "
                            + "(gcloud kms inventory search-protected-resources)");
                }
                String name = r.get("name").asString().trim();
                if (!name.isEmpty() && name.length() <= MAX_NAME && !name.contains(",")) {
                    names.add(name);
                }
                if (r.path("resourceType").isString()) {
                    types.add(r.get("resourceType").asString());
                }
            }
            count = array.size();
        } else {
            JsonNode summary = ((ListingFile.Document) listing).object();
            count = resourceCount(file, summary);
            JsonNode byType = summary.path("resourceTypes");
            if (byType.isObject()) {
                byType.propertyNames().forEach(types::add);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        if (!names.isEmpty()) {
            out.put(KeyAttribute.PROTECTED_RESOURCE.wireName(), String.join(",", ProtectedResources.of(names).names()));
        }
        if (count > 0) {
            out.put(KeyAttribute.PROTECTED_RESOURCE_COUNT.wireName(), Long.toString(count));
        }
        Set<String> plain = new TreeSet<>();
        Set<String> ai = new TreeSet<>();
        for (String type : types) {
            service(type).ifPresent(s -> (ServiceAgents.isAiService(s) ? ai : plain).add(s));
        }
        if (!plain.isEmpty()) {
            out.put(KeyAttribute.USED_BY_SERVICE.wireName(), String.join(",", plain));
        }
        if (!ai.isEmpty()) {
            out.put(KeyAttribute.USED_BY_AI_SERVICE.wireName(), String.join(",", ai));
        }
        return new Read(out, Optional.empty());
    }

    /** {@code resourceCount} is an int64, which Google's JSON writes as a string. */
    private static long resourceCount(Path file, JsonNode summary) {
        JsonNode n = summary.get("resourceCount");
        if (n == null || n.isNull()) {
            // A key protecting nothing: proto3 JSON leaves zero out.
            return 0;
        }
        try {
            long count = n.isNumber() ? n.asLong() : Long.parseLong(n.asString().trim());
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new SnapshotFormatException(file, "resourceCount", "expected a whole number, was " + n);
    }

    /** {@code compute.googleapis.com/Disk} is a resource of {@code compute.googleapis.com}. */
    private static Optional<String> service(String resourceType) {
        int slash = resourceType.indexOf('/');
        String service = (slash < 0 ? resourceType : resourceType.substring(0, slash)).trim();
        return service.matches("[a-z0-9.-]{1,100}\\.googleapis\\.com") ? Optional.of(service) : Optional.empty();
    }
}
