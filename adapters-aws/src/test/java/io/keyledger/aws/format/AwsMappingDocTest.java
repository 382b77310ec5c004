package io.keyledger.aws.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/providers/aws.md shows the mapping tables as the code applies them. Run with
 * {@code -Dkeyledger.writeDocs=true} to rewrite the generated sections after changing the tables.
 */
class AwsMappingDocTest {

    private static final Path DOC = Path.of("..", "docs", "providers", "aws.md");

    @Test
    void theDocsGeneratedSectionsAreWhatTheCodeSays() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        if (Boolean.getBoolean("keyledger.writeDocs")) {
            doc = AwsMappingTable.regenerate(doc);
            Files.writeString(DOC, doc, StandardCharsets.UTF_8);
        }
        Map<String, String> inDoc = AwsMappingTable.sectionsIn(doc);

        assertThat(inDoc.keySet()).containsExactlyInAnyOrderElementsOf(AwsMappingTable.sections().keySet());
        AwsMappingTable.sections().forEach((name, table) -> assertThat(inDoc.get(name))
                .as("section %s of %s; regenerate with -Dkeyledger.writeDocs=true", name, DOC).isEqualTo(table));
    }

    @Test
    void everyOperationAndStateIsInTheTable() {
        String operations = AwsMappingTable.sections().get("aws-operations");
        for (KmsOperation op : KmsOperation.values()) {
            assertThat(operations).contains("| " + op.nativeName() + " |");
        }
        String states = AwsMappingTable.sections().get("aws-key-states");
        for (KmsKeyState s : KmsKeyState.values()) {
            assertThat(states).contains("| " + s.nativeName() + " | " + s.lifecycle().name() + " |");
        }
    }
}
