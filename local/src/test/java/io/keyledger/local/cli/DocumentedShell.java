package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shell commands a doc gives, run as written: the {@code sh} block the doc marks as tested by a test
 * class, and bash to run it.
 */
final class DocumentedShell {

    record Run(int exitCode, String output) {
    }

    private DocumentedShell() {
    }

    /** The {@code sh} block of {@code docs/<doc>} marked {@code <!-- tested by <test's source path> -->}. */
    static String testedBlock(String doc, Class<?> test) throws IOException {
        String source = "local/src/test/java/" + test.getName().replace('.', '/') + ".java";
        Pattern tested = Pattern.compile("<!-- tested by " + Pattern.quote(source) + "[^>]*-->\\s*```sh\\n(.*?)```",
                Pattern.DOTALL);
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isRegularFile(dir.resolve("docs").resolve(doc))) {
            dir = dir.getParent();
        }
        Matcher m = tested.matcher(Files.readString(dir.resolve("docs").resolve(doc)));
        assertThat(m.find()).as("the tested block in docs/" + doc).isTrue();
        return m.group(1);
    }

    static Run bash(Path dir, String script) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", script).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), output);
    }
}
