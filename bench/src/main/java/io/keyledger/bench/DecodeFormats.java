package io.keyledger.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.keyledger.aws.format.AwsDecoders;
import io.keyledger.aws.format.AwsDemo;
import io.keyledger.azure.format.AzureDecoders;
import io.keyledger.azure.format.AzureDemo;
import io.keyledger.core.decode.Decoders;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.gcp.format.GcpDecoders;
import io.keyledger.gcp.format.GcpDemo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The formats {@link DecodeBenchmark} measures, each built from an adapter's demo sample. */
public final class DecodeFormats {

    private DecodeFormats() {
    }

    /** Every provider decoder, as the CLI registers them: an input's format is not known in advance. */
    public static Decoders decoders() {
        List<EventDecoder> all = new ArrayList<>(AwsDecoders.all());
        all.addAll(AzureDecoders.all());
        all.addAll(GcpDecoders.all());
        return Decoders.of(all);
    }

    /** The input of one format (a value of {@code DecodeBenchmark.Input.format}). */
    static DecodeInput input(String format) {
        return switch (format) {
            case "aws-cloudtrail" -> DecodeInput.envelope(format, sample(AwsDemo.sampleFiles(), "_CloudTrail_"));
            case "aws-eventbridge" -> DecodeInput.lines(format, lines(sample(AwsDemo.sampleFiles(), "eventbridge")));
            case "azure-audit" -> DecodeInput.envelope(format, sample(AzureDemo.sampleFiles(), "auditevent"));
            case "azure-eventgrid" -> DecodeInput.envelope(format, sample(AzureDemo.sampleFiles(), "eventgrid"));
            case "gcp-audit" -> DecodeInput.lines(format, lines(sample(GcpDemo.sampleFiles(), "cloudaudit")));
            case "gcp-pubsub" -> DecodeInput.lines(format, lines(sample(GcpDemo.sampleFiles(), "pubsub")));
            case "keyledger-event" -> DecodeInput.lines(format,
                    EventStream.generate(ApplyBenchmark.KEYS, ApplyBenchmark.EVENTS, ApplyBenchmark.SEED).jsonLines());
            default -> throw new IllegalArgumentException("no decode input for format " + format);
        };
    }

    /**
     * The bytes of the one sample file whose name contains {@code part}. The adapters name their
     * resources differently (AWS and Azure with a leading '/', Google without), so they are loaded
     * through the class loader, which takes names without it.
     */
    private static byte[] sample(List<String> resources, String part) {
        List<String> matching = resources.stream().filter(r -> r.contains(part)).toList();
        if (matching.size() != 1) {
            throw new IllegalArgumentException("expected one sample named *" + part + "* in " + resources);
        }
        String name = matching.get(0).startsWith("/") ? matching.get(0).substring(1) : matching.get(0);
        try (InputStream in = DecodeFormats.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name + " on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    private static List<String> lines(byte[] sample) {
        return new String(sample, UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }
}
