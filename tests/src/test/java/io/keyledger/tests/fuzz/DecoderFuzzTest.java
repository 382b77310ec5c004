package io.keyledger.tests.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.keyledger.core.decode.DecodedRecord;
import io.keyledger.core.decode.EventDecoder;
import io.keyledger.core.decode.RecordLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;

/**
 * Every decoder on mutated real records of its format. A decoder never throws: a record it cannot read is a
 * {@link DecodedRecord.Malformed} naming the field (docs/RELIABILITY.md). What it makes must then go through
 * ingest, twice, without an exception (a rejection is an answer), and each event through KeyLedger's own JSON
 * format; one input may allocate at most 16 MiB plus 4 KiB per byte.
 *
 * <p>In {@code mvn verify} each target runs once on an empty input (the first seed, unmutated) and on every input
 * kept under {@code DecoderFuzzTestInputs/<target>/}; {@code JAZZER_FUZZ=1} fuzzes one target (bench/README.md).
 */
class DecoderFuzzTest {

    private static final InputBudget BUDGET = new InputBudget(16L << 20, 4096);
    private static final RecordLocation AT = new RecordLocation("fuzz", 1, "");
    private static final Map<String, List<JsonNode>> SEEDS = new ConcurrentHashMap<>();

    @FuzzTest
    void awsCloudTrail(FuzzedDataProvider data) {
        decode("aws-cloudtrail", data);
    }

    @FuzzTest
    void awsEventBridge(FuzzedDataProvider data) {
        decode("aws-eventbridge", data);
    }

    @FuzzTest
    void awsSqsMessage(FuzzedDataProvider data) {
        decode("aws-sqs", data);
    }

    @FuzzTest
    void awsS3Notification(FuzzedDataProvider data) {
        decode("aws-s3-notification", data);
    }

    @FuzzTest
    void azureAuditEvent(FuzzedDataProvider data) {
        decode("azure-keyvault-audit", data);
    }

    @FuzzTest
    void azureEventGrid(FuzzedDataProvider data) {
        decode("azure-eventgrid", data);
    }

    @FuzzTest
    void azureActivityLog(FuzzedDataProvider data) {
        decode("azure-activity-log", data);
    }

    @FuzzTest
    void gcpAuditLog(FuzzedDataProvider data) {
        decode("gcp-audit-log", data);
    }

    @FuzzTest
    void gcpEventarc(FuzzedDataProvider data) {
        decode("gcp-eventarc", data);
    }

    @FuzzTest
    void gcpPubSubPush(FuzzedDataProvider data) {
        decode("gcp-pubsub-push", data);
    }

    @FuzzTest
    void keyLedgerEvent(FuzzedDataProvider data) {
        decode("keyledger-event", data);
    }

    private static void decode(String format, FuzzedDataProvider data) {
        EventDecoder decoder = FuzzInputs.DECODERS.get(format);
        List<JsonNode> seeds = SEEDS.computeIfAbsent(format, FuzzInputs::seeds);
        int size = data.remainingBytes();
        JsonNode record = JsonMutations.mutate(seeds.get(data.consumeInt(0, seeds.size() - 1)), data);
        BUDGET.spend(size, () -> {
            if (!decoder.recognises(record)) {
                return;
            }
            List<DecodedRecord> out = new ArrayList<>();
            decoder.decode(record, AT, out::add);
            FuzzInputs.ingest(out);
        });
    }
}
