package io.keyledger.aws.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.GeneratedSections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
        String generated = GeneratedSections.splice(doc, AwsMappingTables.sections());
        if (Boolean.getBoolean("keyledger.writeDocs") && !generated.equals(doc)) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
            doc = generated;
        }

        assertThat(GeneratedSections.in(doc).keySet())
                .containsExactlyInAnyOrderElementsOf(AwsMappingTables.sections().keySet());
        assertThat(doc).as("%s is out of date: regenerate with -Dkeyledger.writeDocs=true", DOC).isEqualTo(generated);
    }

    @Test
    void everyOperationAndStateIsInTheTable() {
        String operations = AwsMappingTables.sections().get("aws-operations");
        for (KmsOperation op : KmsOperation.values()) {
            assertThat(operations).contains("| " + op.nativeName() + " |");
        }
        String states = AwsMappingTables.sections().get("aws-key-states");
        for (KmsKeyState s : KmsKeyState.values()) {
            assertThat(states).contains("| " + s.nativeName() + " | " + s.lifecycle().name() + " |");
        }
    }
}
