package io.keyledger.gcp.snapshot;

import io.keyledger.core.json.RecordFormatException;
import io.keyledger.core.key.KeyRef;
import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.ObservedKey;
import io.keyledger.core.sweep.SnapshotFormatException;
import io.keyledger.core.sweep.SnapshotReader;
import io.keyledger.core.sweep.SweepScope;
import io.keyledger.gcp.format.GoogleJson;
import io.keyledger.gcp.format.KmsResourceName;
import io.keyledger.gcp.format.VersionFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;

/**
 * Reads saved {@code gcloud kms ... --format=json} listings, laid out as
 * <pre>
 * &lt;dir&gt;/gcp/&lt;project-id&gt;/&lt;location&gt;/keyrings.json                (optional: gcloud kms keyrings list)
 * &lt;dir&gt;/gcp/&lt;project-id&gt;/&lt;location&gt;/&lt;key-ring&gt;/keys.json          (gcloud kms keys list)
 * &lt;dir&gt;/gcp/&lt;project-id&gt;/&lt;location&gt;/&lt;key-ring&gt;/versions/&lt;key&gt;.json (gcloud kms keys versions list)
 * &lt;dir&gt;/gcp/&lt;project-id&gt;/&lt;location&gt;/&lt;key-ring&gt;/protected-resources/&lt;key&gt;.json
 *                                         (optional: gcloud kms inventory search-protected-resources, or
 *                                          get-protected-resources-summary)
 * </pre>
 * into one {@link KeySource} per project and location. A key without a versions file is observed from its
 * primary version only; a versions file holding a denied listing's error makes the key unreadable
 * (partially observed). A key ring that {@code keyrings.json} lists must have its {@code keys.json}, so
 * that a ring nobody exported is never taken for a ring without keys. What a key protects, where saved,
 * becomes its usage ({@link ProtectedResourcesFile}); a denied inventory call makes the key partially observed.
 */
public final class GcloudSnapshotReader implements SnapshotReader {

    @Override
    public String provider() {
        return Provider.GCP.code();
    }

    @Override
    public List<KeySource> read(Path dir) throws IOException {
        Path root = dir.resolve(provider());
        List<KeySource> sources = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return sources;
        }
        for (Path project : subdirectories(root)) {
            for (Path location : subdirectories(project)) {
                readScope(project.getFileName().toString(), location).ifPresent(sources::add);
            }
        }
        return sources;
    }

    private Optional<KeySource> readScope(String project, Path locationDir) throws IOException {
        String location = locationDir.getFileName().toString();
        Set<String> listedRings = listedRings(locationDir.resolve("keyrings.json"), project, location);
        List<ObservedKey> keys = new ArrayList<>();
        boolean any = Files.isRegularFile(locationDir.resolve("keyrings.json"));
        Set<String> exportedRings = new LinkedHashSet<>();
        for (Path ring : subdirectories(locationDir)) {
            Path keysFile = ring.resolve("keys.json");
            if (Files.isRegularFile(keysFile)) {
                any = true;
                exportedRings.add(ring.getFileName().toString());
                keys.addAll(readRing(project, location, ring.getFileName().toString(), keysFile));
            }
        }
        for (String ring : listedRings) {
            if (!exportedRings.contains(ring)) {
                throw new SnapshotFormatException(locationDir.resolve("keyrings.json"), "", "key ring " + ring
                        + " is listed but its keys are not: save them as " + ring + "/keys.json ([] if it has none)");
            }
        }
        return any ? Optional.of(new SnapshotKeySource(new SweepScope(Provider.GCP, project, location), keys))
                : Optional.empty();
    }

    private static Set<String> listedRings(Path file, String project, String location) throws IOException {
        Set<String> rings = new LinkedHashSet<>();
        if (!Files.isRegularFile(file)) {
            return rings;
        }
        JsonNode items = items(file, "key ring");
        for (int i = 0; i < items.size(); i++) {
            KmsResourceName name = name(file, items.get(i), i);
            requireScope(file, i, name, project, location);
            if (name.keyRing().isEmpty()) {
                throw new SnapshotFormatException(file, "[" + i + "].name", "not a key ring name");
            }
            rings.add(name.keyRing().get());
        }
        return rings;
    }

    private static List<ObservedKey> readRing(String project, String location, String ring, Path keysFile)
            throws IOException {
        JsonNode items = items(keysFile, "key");
        List<ObservedKey> keys = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode key = items.get(i);
            KmsResourceName name = name(keysFile, key, i);
            requireScope(keysFile, i, name, project, location);
            if (!name.isKey() || name.version().isPresent() || !name.keyRing().orElse("").equals(ring)) {
                throw new SnapshotFormatException(keysFile, "[" + i + "].name", "not a key of key ring " + ring
                        + ": '" + key.path("name").asString() + "'");
            }
            KmsResourceName canonical = name.inProject(project);
            KeyRef ref = new KeyRef(Provider.GCP, project, location, canonical.keyName());
            ObservedKeys.Versions versions = versions(keysFile.resolveSibling("versions")
                    .resolve(name.cryptoKey().get() + ".json"), canonical);
            Path protectedFile = keysFile.resolveSibling("protected-resources").resolve(name.cryptoKey().get() + ".json");
            Optional<ProtectedResourcesFile.Read> protects = Files.isRegularFile(protectedFile)
                    ? Optional.of(ProtectedResourcesFile.read(protectedFile)) : Optional.empty();
            try {
                keys.add(ObservedKeys.of(ref, key, "[" + i + "]", versions, protects));
            } catch (RecordFormatException e) {
                throw new SnapshotFormatException(keysFile, e.field(), e.reason());
            } catch (IllegalArgumentException e) {
                throw new SnapshotFormatException(keysFile, "[" + i + "]", e.getMessage());
            }
        }
        return keys;
    }

    private static ObservedKeys.Versions versions(Path file, KmsResourceName key) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new ObservedKeys.PrimaryOnly();
        }
        ListingFile listing = ListingFile.read(file);
        if (listing instanceof ListingFile.Failed failed) {
            return new ObservedKeys.Denied(failed.reason());
        }
        JsonNode items = ((ListingFile.Items) listing).array();
        List<VersionFacts> versions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            versions.add(version(file, items.get(i), "[" + i + "]", key));
        }
        return new ObservedKeys.Listed(versions);
    }

    private static VersionFacts version(Path file, JsonNode item, String field, KmsResourceName key) {
        if (!item.isObject()) {
            throw new SnapshotFormatException(file, field, "expected a CryptoKeyVersion object");
        }
        VersionFacts v;
        try {
            v = VersionFacts.of(GoogleJson.DIALECT.fields(item, field));
        } catch (RecordFormatException e) {
            throw new SnapshotFormatException(file, e.field(), e.reason());
        }
        KmsResourceName version = v.name().orElseThrow(() -> new SnapshotFormatException(file, field + ".name",
                "missing"));
        if (!version.inProject(key.project()).keyName().equals(key.keyName())) {
            throw new SnapshotFormatException(file, field + ".name", "a version of another key: '"
                    + item.path("name").asString() + "'");
        }
        if (v.state().isEmpty()) {
            throw new SnapshotFormatException(file, field + ".state", v.nativeState()
                    .map(s -> "unknown CryptoKeyVersion state '" + s + "'").orElse("missing"));
        }
        return v;
    }

    /** The listed items; a listing that failed as a whole cannot stand for the ring's keys. */
    private static JsonNode items(Path file, String what) throws IOException {
        ListingFile listing = ListingFile.read(file);
        if (listing instanceof ListingFile.Failed failed) {
            throw new SnapshotFormatException(file, "", "the " + what + " listing failed (" + failed.reason()
                    + "); without it the scope's keys are unknown");
        }
        return ((ListingFile.Items) listing).array();
    }

    private static KmsResourceName name(Path file, JsonNode item, int i) {
        if (!item.isObject()) {
            throw new SnapshotFormatException(file, "[" + i + "]", "expected an object");
        }
        JsonNode name = item.get("name");
        if (name == null || !name.isString()) {
            throw new SnapshotFormatException(file, "[" + i + "].name", "missing");
        }
        return KmsResourceName.parse(name.asString()).orElseThrow(() ->
                new SnapshotFormatException(file, "[" + i + "].name", "not a Cloud KMS name: '" + name.asString() + "'"));
    }

    /** The name's location must be the directory's; its project the directory's id, or a project number. */
    private static void requireScope(Path file, int i, KmsResourceName name, String project, String location) {
        boolean projectMatches = name.project().equals(project) || name.project().chars().allMatch(Character::isDigit);
        if (!projectMatches || !name.location().equals(location)) {
            throw new SnapshotFormatException(file, "[" + i + "].name", "belongs to projects/" + name.project()
                    + "/locations/" + name.location() + ", not to the directory's " + project + "/" + location);
        }
    }

    private static List<Path> subdirectories(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        }
    }
}
