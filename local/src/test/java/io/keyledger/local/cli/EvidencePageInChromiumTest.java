package io.keyledger.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The demo's evidence page, as a person's browser shows and prints it: rendered by headless Chromium, every
 * section and chart drawn, nothing requested but the page itself, nothing logged as an error.
 */
class EvidencePageInChromiumTest {

    @TempDir
    Path home;

    @TempDir
    Path profile;

    @Test
    void theDemoEvidencePageRendersEverySectionAndLoadsNothing() throws Exception {
        CliHarness cli = new CliHarness(home);
        CliHarness.Result demo = cli.run("demo");
        assertThat(demo.exitCode()).as(demo.toString()).isZero();
        Path page = home.resolve("demo-evidence.html");
        String url = page.toUri().toString();

        try (HeadlessChromium chromium = HeadlessChromium.start(profile)) {
            chromium.load(url);

            assertThat(chromium.requests()).as("requests made by the page").containsExactly(url);
            assertThat(chromium.errors()).as("errors logged while loading").isEmpty();
            assertThat(chromium.evaluate("document.title").asString()).isEqualTo("CEK-21 evidence: default");

            JsonNode sections = chromium.evaluate("Array.from(document.querySelectorAll('section[id], figure[id]'))"
                    + ".map(e => ({id: e.id, height: e.getBoundingClientRect().height, width: e.getBoundingClientRect().width}))");
            List<String> ids = new ArrayList<>();
            for (JsonNode s : sections) {
                ids.add(s.get("id").asString());
                assertThat(s.get("height").asDouble()).as(s.get("id").asString() + " has a height").isPositive();
                assertThat(s.get("width").asDouble()).as(s.get("id").asString() + " has a width").isPositive();
            }
            assertThat(ids).containsExactly("control", "summary", "charts", "chart-keys", "chart-sweeps",
                    "chart-verdicts", "g-CEK-21-1", "g-CEK-21-2", "g-CEK-21-3", "g-CEK-21-4", "g-CEK-21-5", "g-CEK-21-6",
                    "g-CEK-21-7", "g-CEK-21-8", "g-CEK-21-9", "g-CEK-21-10", "g-CCM", "thresholds");

            // Each chart is drawn: an SVG with a size, and its bars or cells.
            for (String chart : List.of("chart-keys-svg", "chart-sweeps-svg", "chart-verdicts-svg")) {
                JsonNode box = chromium.evaluate("(() => { const s = document.getElementById('" + chart + "');"
                        + " const r = s.getBoundingClientRect(); return {w: r.width, h: r.height,"
                        + " rects: s.querySelectorAll('rect').length}; })()");
                assertThat(box.get("w").asDouble()).as(chart).isPositive();
                assertThat(box.get("h").asDouble()).as(chart).isPositive();
                assertThat(box.get("rects").asInt()).as(chart).isPositive();
            }
            // The demo records the verdicts after its events and after its sweep: two columns of twelve cells.
            assertThat(chromium.evaluate("document.querySelectorAll('#chart-verdicts-svg rect title').length").asInt())
                    .isEqualTo(2 * 12);
            // Figures read in words, not field names.
            String text = chromium.evaluate("document.body.innerText").asString();
            assertThat(text).contains("Keys with an owner", "Audit events received and ledgered", "AWS KMS")
                    .doesNotContain("shareWithOwner", "eventsLedgered");

            // The print stylesheet: no navigation on paper, and the page prints.
            chromium.send("Emulation.setEmulatedMedia", Map.of("media", "print"));
            assertThat(chromium.evaluate("getComputedStyle(document.querySelector('nav')).display").asString())
                    .isEqualTo("none");
            byte[] pdf = chromium.printToPdf();
            assertThat(new String(pdf, 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
            assertThat(chromium.requests()).as("requests made while printing").containsExactly(url);
        }
    }

    @Test
    void aPageThatLoadsSomethingIsCaught() throws Exception {
        // The check above can fail: a page that fetches an image shows the request.
        Path page = Files.writeString(home.resolve("leaky.html"),
                "<!DOCTYPE html><html><body><img src=\"http://127.0.0.1:9/pixel.png\"></body></html>");
        try (HeadlessChromium chromium = HeadlessChromium.start(profile)) {
            chromium.load(page.toUri().toString());

            assertThat(chromium.requests()).contains("http://127.0.0.1:9/pixel.png");
        }
    }

    @Test
    void withoutChromiumTheCheckFailsNamingWhatToInstall() {
        assertThatThrownBy(() -> HeadlessChromium.start(profile, Map.of(HeadlessChromium.EXECUTABLE_VARIABLE,
                home.resolve("no-such-chromium").toString())))
                .isInstanceOf(AssertionError.class).hasMessageContaining("apt-get install -y chromium");
    }
}
