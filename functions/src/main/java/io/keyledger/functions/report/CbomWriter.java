package io.keyledger.functions.report;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keyledger.core.key.CryptoAsset;
import io.keyledger.core.keystore.KeyStoreInventory;
import io.keyledger.core.keystore.KeyStoreRecord;
import io.keyledger.core.store.Versioned;
import java.util.Optional;
import io.keyledger.core.report.AssetPages;
import io.keyledger.core.retention.LegalHold;
import io.keyledger.core.store.AssetQuery;
import io.keyledger.core.store.InventoryStore;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.generators.json.BomJsonGenerator;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.crypto.enums.CryptoFunction;
import org.cyclonedx.model.metadata.ToolInformation;

/**
 * Writes a tenant's inventory as a CycloneDX CBOM (JSON, 1.6 or 1.7: {@link CbomSpec}) while reading it a
 * page at a time.
 *
 * <p>cyclonedx-core-java serialises a whole {@link Bom} held in memory. Here the envelope
 * ({@code bomFormat}, {@code specVersion}, {@code serialNumber}, {@code version}, {@code metadata},
 * {@code components}) is written with a streaming generator, and each {@link Component} is serialised on
 * its own by the library's own mapper, configured for 1.6 as the library configures it for a whole BOM.
 * Key components come first, in key id order, each followed by the resources it protects (type
 * {@code data}); then the algorithm components they refer to, one per distinct algorithm and primitive (a
 * handful, collected on the way with the functions their keys serve); then the key stores and HSMs holding
 * keys (type {@code device}). The {@code dependencies} (a resource depends on the key protecting it, a key
 * on its key store) are written in a second pass over the keys.
 */
final class CbomWriter {

    private static final LibraryMapper LIBRARY = new LibraryMapper();

    /** The library's Jackson 2 writer for 1.6, without a flush after every component. */
    private static final ObjectWriter COMPONENTS = LIBRARY.writer()
            .without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private final InventoryStore store;
    private final Clock clock;

    CbomWriter(InventoryStore store, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Writes the CycloneDX 1.6 CBOM of the tenant's keys matching {@code filter}; returns the number of key components. */
    long write(String tenant, AssetQuery filter, OutputStream out) throws IOException {
        return write(tenant, filter, CbomSpec.V1_6, out);
    }

    /** Writes the CBOM in {@code spec}'s version; returns the number of key components. */
    long write(String tenant, AssetQuery filter, CbomSpec spec, OutputStream out) throws IOException {
        Components components = new Components(spec);
        Set<String> held = new HashSet<>();
        boolean tenantHeld = false;
        for (LegalHold h : store.legalHolds(tenant)) {
            if (h.tenantWide()) {
                tenantHeld = true;
            } else {
                held.add(h.keyId().orElseThrow());
            }
        }
        boolean allHeld = tenantHeld;
        Map<CbomMapping.AlgorithmAsset, Set<CryptoFunction>> algorithms = new LinkedHashMap<>();
        long[] keys = {0};
        try (JsonGenerator g = COMPONENTS.getFactory().createGenerator(unclosable(out), JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("bomFormat", "CycloneDX");
            g.writeStringField("specVersion", spec.version());
            g.writeStringField("serialNumber", "urn:uuid:" + UUID.randomUUID());
            g.writeNumberField("version", 1);
            g.writeFieldName("metadata");
            COMPONENTS.writeValue(g, metadata(tenant, filter, clock.instant()));
            g.writeFieldName("components");
            g.writeStartArray();
            Map<String, CryptoAsset> keyStores = new LinkedHashMap<>();
            boolean[] dependencies = {false};
            AssetPages.forEachPage(store, tenant, filter, page -> {
                for (CryptoAsset key : page) {
                    CbomMapping.AlgorithmAsset algorithm = CbomMapping.algorithmOf(key);
                    algorithms.computeIfAbsent(algorithm, a -> EnumSet.noneOf(CryptoFunction.class))
                            .addAll(CbomMapping.functions(key));
                    components.write(g, CbomMapping.keyComponent(key, algorithm, allHeld || held.contains(key.id())));
                    for (String resource : key.usageContext().protects().names()) {
                        components.write(g, CbomMapping.resourceComponent(key, resource));
                        dependencies[0] = true;
                    }
                    CbomMapping.keyStoreRef(key).ifPresent(ref -> {
                        keyStores.putIfAbsent(ref, key);
                        dependencies[0] = true;
                    });
                    keys[0]++;
                }
                g.flush();
            });
            for (Map.Entry<CbomMapping.AlgorithmAsset, Set<CryptoFunction>> a : algorithms.entrySet()) {
                components.write(g, CbomMapping.algorithmComponent(a.getKey(), a.getValue()));
            }
            // Key stores are few: each named by a key is written once, from its record where there is one.
            for (Map.Entry<String, CryptoAsset> s : keyStores.entrySet()) {
                KeyStoreRecord record = store.keyStore(tenant, s.getKey()).map(Versioned::value)
                        .orElseGet(() -> KeyStoreRecord.of(tenant, KeyStoreInventory.namedBy(s.getValue()).orElseThrow()));
                components.write(g, CbomMapping.keyStoreComponent(record));
            }
            g.writeEndArray();
            if (dependencies[0]) {
                writeDependencies(g, tenant, filter);
            }
            g.writeEndObject();
        }
        return keys[0];
    }

    /**
     * The {@code dependencies}: each resource a key protects depends on the key, and each key in a key
     * store on the store. A second pass over the keys, so that no more than a page is held at once.
     */
    private void writeDependencies(JsonGenerator g, String tenant, AssetQuery filter) throws IOException {
        g.writeFieldName("dependencies");
        g.writeStartArray();
        AssetPages.forEachPage(store, tenant, filter, page -> {
            for (CryptoAsset key : page) {
                Optional<String> keyStore = CbomMapping.keyStoreRef(key);
                if (keyStore.isPresent()) {
                    dependency(g, key.id(), keyStore.get());
                }
                for (String resource : key.usageContext().protects().names()) {
                    dependency(g, CbomMapping.resourceRef(key, resource), key.id());
                }
            }
            g.flush();
        });
        g.writeEndArray();
    }

    private static void dependency(JsonGenerator g, String ref, String dependsOn) throws IOException {
        g.writeStartObject();
        g.writeStringField("ref", ref);
        g.writeArrayFieldStart("dependsOn");
        g.writeString(dependsOn);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static Metadata metadata(String tenant, AssetQuery filter, Instant now) {
        Metadata m = new Metadata();
        m.setTimestamp(Date.from(now));
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("KeyLedger");
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        m.setToolChoice(tools);
        Component subject = new Component();
        subject.setType(Component.Type.DATA);
        subject.setBomRef("keyledger:inventory:" + tenant);
        subject.setName("key inventory of tenant " + tenant);
        m.setComponent(subject);
        List<Property> properties = new ArrayList<>();
        properties.add(new Property(CbomMapping.PROPERTY_PREFIX + "tenant", tenant));
        filter.provider().ifPresent(p -> properties.add(new Property(CbomMapping.PROPERTY_PREFIX + "filter:provider", p.code())));
        filter.account().ifPresent(a -> properties.add(new Property(CbomMapping.PROPERTY_PREFIX + "filter:account", a)));
        filter.state().ifPresent(s -> properties.add(new Property(CbomMapping.PROPERTY_PREFIX + "filter:state", s.name())));
        filter.owner().ifPresent(o -> properties.add(new Property(CbomMapping.PROPERTY_PREFIX + "filter:owner", o)));
        filter.algorithm().ifPresent(a -> properties.add(new Property(CbomMapping.PROPERTY_PREFIX + "filter:algorithm", a)));
        filter.aiUsage().ifPresent(a -> properties.add(new Property(CbomMapping.PROPERTY_PREFIX + "filter:aiUsage",
                a.toString())));
        filter.responsibility().ifPresent(r -> properties.add(new Property(
                CbomMapping.PROPERTY_PREFIX + "filter:responsibility", r.name())));
        filter.text().ifPresent(t -> properties.add(new Property(CbomMapping.PROPERTY_PREFIX + "filter:text", t)));
        m.setProperties(properties);
        return m;
    }

    /** The caller owns the stream: closing the generator flushes it but leaves it open. */
    private static OutputStream unclosable(OutputStream out) {
        return new FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }

    /** Writes components as the library serialises them for 1.6, rewritten for 1.7 when that is asked for. */
    private record Components(CbomSpec spec) {

        void write(JsonGenerator g, Component c) throws IOException {
            if (spec == CbomSpec.V1_6) {
                COMPONENTS.writeValue(g, c);
                return;
            }
            ObjectNode tree = LIBRARY.tree(c);
            Cbom17.upgrade(tree);
            COMPONENTS.writeValue(g, tree);
        }
    }

    /** Gives access to the mapper the library configures for a 1.6 JSON BOM. */
    private static final class LibraryMapper extends BomJsonGenerator {
        LibraryMapper() {
            super(new Bom(), Version.VERSION_16);
        }

        ObjectWriter writer() {
            return mapper.writer();
        }

        ObjectNode tree(Component c) {
            return mapper.valueToTree(c);
        }
    }
}
