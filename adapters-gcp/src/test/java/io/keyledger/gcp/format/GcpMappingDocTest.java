package io.keyledger.gcp.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.keyledger.core.decode.GeneratedSections;
import io.keyledger.core.event.Action;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * docs/providers/gcp.md shows the code's mapping tables: each generated section must equal what
 * {@link GcpMappingTables} makes of the code now. Run with {@code -Dkeyledger.writeDocs=true} to rewrite them.
 */
class GcpMappingDocTest {

    private static final Path DOC = Path.of(System.getProperty("basedir", "."))
            .resolve("../docs/providers/gcp.md").normalize();

    @Test
    void theDocumentedTablesAreTheCodes() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String generated = GeneratedSections.splice(doc, GcpMappingTables.sections());
        if (Boolean.getBoolean("keyledger.writeDocs") && !generated.equals(doc)) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
            doc = generated;
        }
        assertThat(doc).as("docs/providers/gcp.md is out of date: rerun with -Dkeyledger.writeDocs=true")
                .isEqualTo(generated);
    }

    @Test
    void everyMethodAndStateIsInTheTables() {
        String operations = GcpMappingTables.operations();
        Arrays.stream(KmsMethod.values()).forEach(m -> assertThat(operations).contains("| `" + m.nativeName() + "` |"));
        String states = GcpMappingTables.versionStates();
        Arrays.stream(GoogleVersionState.values()).forEach(s -> assertThat(states).contains("| `" + s.name() + "` |"));
    }

    @Test
    void keyMethodsHaveAnActionAndIgnoredOnesNone() {
        for (KmsMethod m : KmsMethod.values()) {
            assertThat(m.action().isPresent()).as(m.name()).isEqualTo(m.handling() != KmsMethod.Handling.IGNORED);
            if (m.handling() == KmsMethod.Handling.USE) {
                assertThat(m.action()).contains(Action.USE);
            }
        }
    }

    @Test
    void aDocumentWithoutTheMarkersIsRefused() {
        assertThatThrownBy(() -> GeneratedSections.splice("# nothing here", GcpMappingTables.sections())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("generated:operations:begin");
    }
}
