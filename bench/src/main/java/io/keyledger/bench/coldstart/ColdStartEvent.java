package io.keyledger.bench.coldstart;

import io.keyledger.aws.format.AwsDemo;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The one event every child ingests: the demo's first EventBridge event (a KMS key rotation). */
final class ColdStartEvent {

    private ColdStartEvent() {
    }

    static byte[] bytes() {
        String file = AwsDemo.sampleFiles().stream().filter(f -> f.endsWith(".jsonl")).findFirst().orElseThrow();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(AwsDemo.open(file), StandardCharsets.UTF_8))) {
            return in.readLine().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
