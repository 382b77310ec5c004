package io.keyledger.gcp.cloudkms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/gcp/SWEEPS.md shows the declared operations as the table declares them. */
class GcpSweepsDocTest {

    private static final String BEGIN = "<!-- BEGIN GENERATED gcp-sweep-operations -->\n";
    private static final String END = "<!-- END GENERATED gcp-sweep-operations -->";

    static String table() {
        StringBuilder b = new StringBuilder("| Method | gRPC method | IAM permission | Sent for |\n|---|---|---|---|\n");
        for (GcpSweepOperation row : GcpSweepOperation.values()) {
            String purpose = switch (row.purpose()) {
                case READ_KEYS -> "reading a scope's keys";
                case READ_USAGE -> "what a key protects (KMS Inventory)";
                case FIND_SCOPES -> "finding the projects and locations";
            };
            b.append("| `").append(row.methodName()).append("` | `").append(row.grpcMethod()).append("` | `")
                    .append(row.permission()).append("` | ").append(purpose).append(" |\n");
        }
        return b.toString();
    }

    @Test
    void theSweepsDocumentListsEveryDeclaredOperation() throws IOException {
        Path doc = root().resolve("docs/gcp/SWEEPS.md");
        String text = Files.readString(doc);
        int from = text.indexOf(BEGIN);
        int to = text.indexOf(END);

        assertThat(from).as("the generated block in " + doc).isNotNegative();
        assertThat(text.substring(from + BEGIN.length(), to)).isEqualTo(table());
        for (String permission : GcpSweepOperation.permissions()) {
            assertThat(text).contains("`" + permission + "`");
        }
    }

    private static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs/gcp"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no docs/gcp above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
