package io.keyledger.gcp.firestore;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/gcp/FIRESTORE.md shows the time-to-live policies and composite indexes the store declares. */
class FirestoreDocTest {

    private static String doc() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/gcp"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docs/gcp above " + Path.of("").toAbsolutePath());
        }
        return Files.readString(dir.resolve("docs/gcp/FIRESTORE.md"));
    }

    @Test
    void theIndexTableIsTheDeclaredIndexes() throws IOException {
        String doc = doc();
        String rows = FirestoreRequirements.COMPOSITE_INDEXES.stream()
                .map(i -> "| `" + i.collectionGroup() + "` | " + i.fields().stream().map(f -> "`" + f + "` ASC")
                        .collect(Collectors.joining(", ")) + " | " + i.serves() + " |")
                .collect(Collectors.joining("\n"));

        assertThat(doc).contains("| Collection group | Fields | For |\n|---|---|---|\n" + rows + "\n\n");
    }

    @Test
    void theTimeToLivePoliciesAreTheDeclaredCollectionGroups() throws IOException {
        String groups = FirestoreRequirements.TTL_COLLECTION_GROUPS.stream().map(g -> "`" + g + "`")
                .collect(Collectors.joining(", "));

        assertThat(doc().replaceAll("\\s+", " ")).contains("a time-to-live policy on the field `"
                + FirestoreRequirements.TTL_FIELD + "` of these collection groups: " + groups + " (");
    }
}
