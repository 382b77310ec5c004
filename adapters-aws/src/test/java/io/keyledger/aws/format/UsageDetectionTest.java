package io.keyledger.aws.format;

import static io.keyledger.aws.format.AwsTestRecords.K1;
import static io.keyledger.aws.format.AwsTestRecords.K2;
import static io.keyledger.aws.format.AwsTestRecords.arn;
import static io.keyledger.aws.format.AwsTestRecords.decode;
import static io.keyledger.aws.format.AwsTestRecords.events;
import static io.keyledger.aws.format.AwsTestRecords.json;
import static io.keyledger.aws.format.AwsTestRecords.only;
import static io.keyledger.aws.format.AwsTestRecords.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.keyledger.core.event.Action;
import io.keyledger.core.event.ActorType;
import io.keyledger.core.event.KeyEvent;
import io.keyledger.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Cryptographic uses: which service called, for which AI usage, on whose behalf. */
class UsageDetectionTest {

    @Test
    void anS3DecryptOnARolesBehalfIsAUseByS3() {
        KeyEvent e = only("cloudtrail/Decrypt.json");

        assertThat(e.action()).isEqualTo(Action.USE);
        assertThat(e.attributes()).containsEntry("usage.service", "s3.amazonaws.com")
                .containsEntry("usage.principal", "arn:aws:sts::111122223333:assumed-role/DataPipeline/etl-run-42")
                .doesNotContainKeys("usage.aiService", "usage.aiCategory");
        assertThat(e.actor().type()).isEqualTo(ActorType.ROLE);
        assertThat(e.actor().invokedBy()).contains("s3.amazonaws.com");
        assertThat(e.actor().sourceIp()).as("a service host name is not an IP address").isEmpty();
    }

    @Test
    void aBedrockKnowledgeBaseUseIsAnAiUseForAVectorStore() {
        KeyEvent e = only("cloudtrail/GenerateDataKey.json");

        assertThat(e.attributes()).containsEntry("usage.aiService", "bedrock.amazonaws.com")
                .containsEntry("usage.aiCategory", "VECTOR_STORE").doesNotContainKey("usage.service");
        assertThat(e.actor().type()).isEqualTo(ActorType.SERVICE);
        assertThat(e.actor().principal()).isEqualTo("bedrock.amazonaws.com");
    }

    @Test
    void anEbsVolumeKeyIsUsedByEc2() {
        assertThat(only("cloudtrail/GenerateDataKeyWithoutPlaintext.json").attributes())
                .containsEntry("usage.service", "ec2.amazonaws.com");
    }

    @Test
    void codeRunningInLambdaIsAttributedToLambda() {
        assertThat(only("cloudtrail/GenerateDataKeyPair.json").attributes())
                .containsEntry("usage.service", "lambda.amazonaws.com")
                .containsEntry("usage.principal", "arn:aws:sts::111122223333:assumed-role/payments-fn-role/payments-fn");
    }

    @Test
    void aDirectUseThroughAnAliasNamesTheKeyFromResources() {
        KeyEvent e = only("cloudtrail/Encrypt.json");

        assertThat(e.key().nativeId()).isEqualTo(arn(K1));
        assertThat(e.attributes()).isEqualTo(Map.of("usage.principal", "arn:aws:iam::111122223333:user/Alice"));
    }

    @Test
    void anIpv6SourceIsKept() {
        assertThat(only("cloudtrail/Sign.json").actor().sourceIp()).contains("2001:db8::7");
    }

    @Test
    void reEncryptUsesBothKeys() {
        List<KeyEvent> events = events(read("cloudtrail/ReEncrypt.json"));

        assertThat(events).extracting(e -> e.key().nativeId()).containsExactly(arn(K1), arn(K2));
        assertThat(events.get(1).eventId()).isEqualTo(events.get(0).eventId() + "/destination");
        assertThat(events).allSatisfy(e -> assertThat(e.action()).isEqualTo(Action.USE));
    }

    @Test
    void secretsManagerIsKnownByItsContextKey() {
        assertThat(use(Map.of("SecretARN", "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-pass-AbCdEf",
                "SecretVersionId", "EXAMPLE1-90ab-cdef-fedc-ba987EXAMPLE"), null, null).attributes())
                .containsEntry("usage.service", "secretsmanager.amazonaws.com");
    }

    @Test
    void rdsAndLambdaContextKeys() {
        assertThat(use(Map.of("aws:rds:db-id", "db-EXAMPLE"), null, null).attributes())
                .containsEntry("usage.service", "rds.amazonaws.com");
        assertThat(use(Map.of("aws:lambda:FunctionArn", "arn:aws:lambda:us-east-1:111122223333:function:pay"), null, null)
                .attributes()).containsEntry("usage.service", "lambda.amazonaws.com");
    }

    @Test
    void sageMakerTrainingThroughItsExecutionRoleIsTrainingData() {
        KeyEvent e = use(Map.of("aws:sagemaker:training-job-arn",
                "arn:aws:sagemaker:us-east-1:111122223333:training-job/churn-model-2026"),
                "AmazonSageMaker-ExecutionRole-20260101T000000", "sagemaker.amazonaws.com");

        assertThat(e.attributes()).containsEntry("usage.aiService", "sagemaker.amazonaws.com")
                .containsEntry("usage.aiCategory", "TRAINING_DATA");
    }

    @Test
    void bedrockCustomModelsAreModelArtifactsAndAgentsRoutePrompts() {
        assertThat(use(Map.of("aws:bedrock:custom-model", "arn:aws:bedrock:us-east-1:111122223333:custom-model/x"),
                null, "bedrock.us-east-1.amazonaws.com").attributes())
                .containsEntry("usage.aiService", "bedrock.amazonaws.com").containsEntry("usage.aiCategory", "MODEL_ARTIFACTS");
        assertThat(use(Map.of("Purpose", "agent memory"), "AmazonBedrockExecutionRoleForAgents_K3Y9", null).attributes())
                .containsEntry("usage.aiService", "bedrock.amazonaws.com").containsEntry("usage.aiCategory", "PROMPT_ROUTING");
    }

    @Test
    void aKendraIndexIsAVectorStore() {
        assertThat(use(Map.of("aws:kendra:index-id", "0123abcd-EXAMPLE"), null, "kendra.amazonaws.com").attributes())
                .containsEntry("usage.aiService", "kendra.amazonaws.com").containsEntry("usage.aiCategory", "VECTOR_STORE");
    }

    /** A Decrypt of K1 with the given encryption context, by a role, optionally invoked by a service. */
    private static KeyEvent use(Map<String, String> context, String roleName, String invokedBy) {
        ObjectNode record = (ObjectNode) json("cloudtrail/Decrypt.json").deepCopy();
        ObjectNode identity = (ObjectNode) record.get("userIdentity");
        String role = roleName == null ? "AppRole" : roleName;
        identity.put("arn", "arn:aws:sts::111122223333:assumed-role/" + role + "/session");
        ((ObjectNode) identity.get("sessionContext").get("sessionIssuer")).put("userName", role);
        if (invokedBy == null) {
            identity.remove("invokedBy");
            record.put("sourceIPAddress", "198.51.100.9");
            record.put("userAgent", "aws-sdk-go-v2/1.30.0");
        } else {
            identity.put("invokedBy", invokedBy);
            record.put("sourceIPAddress", invokedBy);
            record.put("userAgent", invokedBy);
        }
        JsonNode ctx = Json.mapper().valueToTree(context);
        ((ObjectNode) record.get("requestParameters")).set("encryptionContext", ctx);
        List<KeyEvent> events = events(decode(record));
        assertThat(events).hasSize(1);
        return events.get(0);
    }
}
