package io.keyledger.gcp.cloudkms;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What KMS Inventory says one key protects: how many resources in how many projects, by resource type, cloud
 * product and location (resources of the key's organisation only), or why it could not say.
 *
 * @param keyId         the key's KeyLedger id
 * @param resourceCount protected resources
 * @param projectCount  projects holding them
 * @param resourceTypes resources per type ({@code compute.googleapis.com/Disk})
 * @param cloudProducts resources per product ({@code compute})
 * @param locations     resources per location
 * @param unavailable   why there is no summary (the project is in no organisation, the caller may not read it)
 */
public record ProtectedResources(String keyId, long resourceCount, int projectCount,
                                 SortedMap<String, Long> resourceTypes, SortedMap<String, Long> cloudProducts,
                                 SortedMap<String, Long> locations, Optional<String> unavailable) {

    public ProtectedResources {
        Objects.requireNonNull(keyId, "keyId");
        resourceTypes = new TreeMap<>(resourceTypes);
        cloudProducts = new TreeMap<>(cloudProducts);
        locations = new TreeMap<>(locations);
        Objects.requireNonNull(unavailable, "unavailable");
    }

    static ProtectedResources unavailable(String keyId, String why) {
        return new ProtectedResources(keyId, 0, 0, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), Optional.of(why));
    }

    static ProtectedResources of(String keyId, long resources, int projects, Map<String, Long> types,
                                 Map<String, Long> products, Map<String, Long> locations) {
        return new ProtectedResources(keyId, resources, projects, new TreeMap<>(types), new TreeMap<>(products),
                new TreeMap<>(locations), Optional.empty());
    }

    /** The services the resource types belong to ({@code compute.googleapis.com}), as usage attributes name them. */
    public SortedMap<String, Long> services() {
        SortedMap<String, Long> out = new TreeMap<>();
        resourceTypes.forEach((type, count) -> {
            int slash = type.indexOf('/');
            out.merge(slash > 0 ? type.substring(0, slash) : type, count, Long::sum);
        });
        return out;
    }
}
