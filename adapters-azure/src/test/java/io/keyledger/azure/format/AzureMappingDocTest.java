package io.keyledger.azure.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.decode.GeneratedSections;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The tables of docs/providers/azure.md are generated from the code's own mapping data
 * ({@link AzureMappingTables}), so that they cannot drift. To rewrite them after a change of the mapping:
 * {@code mvn -B -o test -pl adapters-azure -Dtest=AzureMappingDocTest -Dkeyledger.writeDocs=true}.
 */
class AzureMappingDocTest {

    static final Path DOC = Path.of("..", "docs", "providers", "azure.md");

    @Test
    void theDocsTablesAreTheCodesMapping() throws IOException {
        String doc = Files.readString(DOC, StandardCharsets.UTF_8);
        String generated = GeneratedSections.splice(doc, AzureMappingTables.sections());
        if (Boolean.getBoolean("keyledger.writeDocs") && !generated.equals(doc)) {
            Files.writeString(DOC, generated, StandardCharsets.UTF_8);
            doc = generated;
        }
        assertThat(doc).as("%s is out of date: regenerate as this test's javadoc says", DOC).isEqualTo(generated);
    }

    @Test
    void everyOperationNamedInTheTableResolvesToItsOwnEntry() {
        for (AuditOperation op : AuditOperation.values()) {
            String name = op.nativeName().replace("*", "SomethingNew");
            assertThat(AuditOperation.of(name)).as(name).isEqualTo(op);
            assertThat(AuditOperation.of(name.toUpperCase(Locale.ROOT))).isEqualTo(op);
        }
        for (EventGridType type : EventGridType.values()) {
            String name = type.eventType().replace("*", "SomethingNew");
            assertThat(EventGridType.of(name)).as(name).isEqualTo(type);
        }
    }
}
