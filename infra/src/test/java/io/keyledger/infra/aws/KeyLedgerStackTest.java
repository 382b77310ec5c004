package io.keyledger.infra.aws;

import static io.keyledger.infra.aws.Cfn.environment;
import static io.keyledger.infra.aws.Cfn.list;
import static io.keyledger.infra.aws.Cfn.map;
import static io.keyledger.infra.aws.Cfn.number;
import static io.keyledger.infra.aws.Cfn.properties;
import static io.keyledger.infra.aws.Cfn.render;
import static io.keyledger.infra.aws.Cfn.resources;
import static io.keyledger.infra.aws.Cfn.strings;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.keyledger.aws.kms.AwsSweepOperation;
import io.keyledger.aws.kms.AwsSweepOperation.Purpose;
import io.keyledger.core.sweep.ApiOperation;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awscdk.App;
import tools.jackson.databind.json.JsonMapper;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The central stack with every optional setting given: one synthesis for the whole class. */
class KeyLedgerStackTest {

    static final String TRAIL_BUCKET = "org-trail-logs-111122223333";
    static final String TRAIL_KEY = "arn:aws:kms:eu-west-1:111122223333:key/0a1b2c3d-1111-2222-3333-444455556666";
    static final String ORGANIZATION = "o-a1b2c3d4e5";
    static final String POLICY = "rules:\n  premature-destruction:\n    minimumDays: 30\n";

    @TempDir
    static Path tmp;

    static KeyLedgerStack stack;
    static Template template;
    static Map<String, Object> json;
    static Map<String, Map<String, Object>> functions;

    @BeforeAll
    static void synthesise() throws Exception {
        Path jar = Cfn.dummyJar(tmp.resolve("keyledger-aws-lambda.jar"));
        var context = new HashMap<>(Cfn.cdkJsonContext());
        context.put(DeploymentSettings.LAMBDA_JAR, jar.toString());
        context.put(DeploymentSettings.TRAIL_BUCKET_NAME, TRAIL_BUCKET);
        context.put(DeploymentSettings.TRAIL_PREFIX, "org");
        context.put(DeploymentSettings.TRAIL_KEY_ARN, TRAIL_KEY);
        context.put(DeploymentSettings.SWEEP_SCHEDULE, "rate(12 hours)");
        context.put(DeploymentSettings.EXTERNAL_ID, "keyledger-7f3a");
        context.put(DeploymentSettings.ORGANIZATION_ID, ORGANIZATION);
        context.put(DeploymentSettings.ACCOUNTS, "111122223333, 444455556666");
        context.put(DeploymentSettings.REGIONS, "eu-west-1,us-east-1");
        context.put(DeploymentSettings.TENANTS, Map.of("111122223333", "acme", "444455556666", "globex"));
        context.put(DeploymentSettings.ADMIN_PRINCIPALS,
                "{\"arn:aws:iam::111122223333:role/KeyAdmins\": {\"acme\": [\"custodian\"]}}");
        context.put(DeploymentSettings.POLICY, POLICY);
        context.put(DeploymentSettings.ALERT_EMAIL, "security@example.com");
        context.put(DeploymentSettings.LEDGER_LOCK_DAYS, 3650);
        App app = App.Builder.create().context(context).build();
        var settings = DeploymentSettings.fromContext(app.getNode()::tryGetContext, tmp);
        stack = new KeyLedgerStack(app, "KeyLedger", StackProps.builder().build(), settings);
        template = Template.fromStack(stack);
        json = template.toJSON();
        functions = Cfn.functionsByBean(json);
    }

    // --- Table ---------------------------------------------------------------------------------------

    @Test
    void tableHasTheStoreKeysIndexesTtlAndProtection() {
        template.hasResourceProperties("AWS::DynamoDB::Table", Map.of(
                "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                        Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                "BillingMode", "PAY_PER_REQUEST",
                "TimeToLiveSpecification", Map.of("AttributeName", "expiresAt", "Enabled", true),
                "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                "DeletionProtectionEnabled", true,
                "SSESpecification", Map.of("SSEEnabled", true)));
        var table = properties(resources(json, "AWS::DynamoDB::Table").values().iterator().next());
        assertThat(list(table.get("AttributeDefinitions"))).allSatisfy(a -> assertThat(map(a)).containsEntry("AttributeType", "S"));
        Map<String, List<String>> indexes = list(table.get("GlobalSecondaryIndexes")).stream().map(Cfn::map)
                .collect(Collectors.toMap(i -> String.valueOf(i.get("IndexName")),
                        i -> list(i.get("KeySchema")).stream().map(k -> String.valueOf(map(k).get("AttributeName"))).toList()));
        assertThat(indexes).containsExactlyInAnyOrderEntriesOf(Map.of(
                "byState", List.of("gsi1pk", "gsi1sk"),
                "byProvider", List.of("gsi2pk", "gsi2sk"),
                "byOwner", List.of("gsi3pk", "gsi3sk")));
        assertThat(list(table.get("GlobalSecondaryIndexes")))
                .allSatisfy(i -> assertThat(map(map(i).get("Projection"))).containsEntry("ProjectionType", "ALL"));
    }

    @Test
    void tableOutlivesTheStack() {
        template.hasResource("AWS::DynamoDB::Table", Map.of("DeletionPolicy", "Retain", "UpdateReplacePolicy", "Retain"));
    }

    // --- Functions -----------------------------------------------------------------------------------

    @Test
    void everyBeanRunsAsAFunctionWithTheContractHandler() {
        assertThat(functions.keySet()).containsExactlyInAnyOrderElementsOf(LambdaContract.BEANS);
        functions.forEach((bean, function) -> {
            Map<String, Object> p = properties(function);
            assertThat(p).containsEntry("Handler", LambdaContract.INGEST_BEANS.contains(bean)
                            ? "io.keyledger.aws.lambda.IngestHandler::handleRequest"
                            : "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest")
                    .containsEntry("Runtime", "java21")
                    .containsEntry("Architectures", List.of("arm64"))
                    .containsEntry("SnapStart", Map.of("ApplyOn", "PublishedVersions"));
            assertThat(number(p.get("MemorySize"))).isBetween(1024, 2048);
            assertThat(environment(p))
                    .containsEntry(LambdaContract.MAIN_CLASS, LambdaContract.MAIN_CLASS_NAME)
                    .containsEntry(LambdaContract.JAVA_TOOL_OPTIONS, "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        });
    }

    @Test
    void eachFunctionGetsExactlyTheVariablesOfTheContractItReads() {
        Set<String> spring = Set.of(LambdaContract.SPRING_CLOUD_FUNCTION_DEFINITION, LambdaContract.MAIN_CLASS,
                LambdaContract.JAVA_TOOL_OPTIONS);
        Set<String> ledger = Set.of(LambdaContract.LEDGER_KEY_ARN, LambdaContract.LEDGER_BUCKET,
                LambdaContract.CHECKPOINT_QUEUE_URL);
        Map<String, Set<String>> expected = Map.of(
                LambdaContract.INGEST_QUEUE, union(ledger, LambdaContract.TABLE_NAME, LambdaContract.TENANTS,
                        LambdaContract.ALERT_TOPIC_ARN, LambdaContract.POLICY),
                LambdaContract.INGEST_S3_LOGS, union(ledger, LambdaContract.TABLE_NAME, LambdaContract.TENANTS,
                        LambdaContract.ALERT_TOPIC_ARN, LambdaContract.POLICY),
                LambdaContract.SWEEP_FAN_OUT, Set.of(LambdaContract.TABLE_NAME, LambdaContract.TENANTS,
                        LambdaContract.SWEEP_QUEUE_URL, LambdaContract.MEMBER_ROLE_NAME, LambdaContract.EXTERNAL_ID,
                        LambdaContract.ACCOUNTS, LambdaContract.REGIONS),
                LambdaContract.SWEEP_WORKER, union(ledger, LambdaContract.TABLE_NAME, LambdaContract.TENANTS,
                        LambdaContract.ALERT_TOPIC_ARN, LambdaContract.POLICY, LambdaContract.MEMBER_ROLE_NAME,
                        LambdaContract.EXTERNAL_ID, LambdaContract.SWEEP_QUEUE_URL),
                LambdaContract.ADMIN_API, union(ledger, LambdaContract.TABLE_NAME, LambdaContract.TENANTS,
                        LambdaContract.ALERT_TOPIC_ARN, LambdaContract.POLICY,
                        LambdaContract.ADMIN_PRINCIPALS, LambdaContract.SWEEP_QUEUE_URL, LambdaContract.REGIONS,
                        LambdaContract.CURSOR_KEY),
                // the signing functions sign themselves: no checkpoint queue
                LambdaContract.SIGN_CHECKPOINTS, Set.of(LambdaContract.TABLE_NAME, LambdaContract.TENANTS,
                        LambdaContract.LEDGER_KEY_ARN, LambdaContract.LEDGER_BUCKET),
                LambdaContract.MAINTAIN_LEDGER, Set.of(LambdaContract.TABLE_NAME, LambdaContract.TENANTS,
                        LambdaContract.LEDGER_KEY_ARN, LambdaContract.LEDGER_BUCKET));
        functions.forEach((bean, function) -> {
            var names = new LinkedHashSet<>(environment(properties(function)).keySet());
            assertThat(names).as(bean).containsAll(spring);
            names.removeAll(spring);
            assertThat(names).as(bean).containsExactlyInAnyOrderElementsOf(expected.get(bean));
            assertThat(LambdaContract.KEYLEDGER_VARIABLES).as(bean).containsAll(names);
        });
    }

    @Test
    void theAdminApisCursorKeyIsAGeneratedSecretResolvedAtDeploymentAndInNoTemplate() {
        var admin = environment(properties(functions.get(LambdaContract.ADMIN_API)));
        String key = render(admin.get(LambdaContract.CURSOR_KEY));

        assertThat(key).startsWith("{{resolve:secretsmanager:${CursorKey").endsWith(":SecretString:::}}");
        template.hasResourceProperties("AWS::SecretsManager::Secret", Map.of("GenerateSecretString",
                Map.of("PasswordLength", 64, "ExcludePunctuation", true, "IncludeSpace", false)));
    }

    @Test
    void variablesCarryTheConfiguredValues() {
        var fanOut = environment(properties(functions.get(LambdaContract.SWEEP_FAN_OUT)));
        assertThat(fanOut).containsEntry(LambdaContract.ACCOUNTS, "111122223333,444455556666")
                .containsEntry(LambdaContract.REGIONS, "eu-west-1,us-east-1")
                .containsEntry(LambdaContract.MEMBER_ROLE_NAME, "KeyLedgerSweepRole")
                .containsEntry(LambdaContract.EXTERNAL_ID, "keyledger-7f3a");
        assertThat(render(fanOut.get(LambdaContract.SWEEP_QUEUE_URL))).startsWith("${SweepQueue");
        var worker = environment(properties(functions.get(LambdaContract.SWEEP_WORKER)));
        assertThat(worker).containsEntry(LambdaContract.POLICY, POLICY);
        assertThat(JsonMapper.builder().build().readTree(String.valueOf(worker.get(LambdaContract.TENANTS))))
                .isEqualTo(JsonMapper.builder().build().readTree("{\"111122223333\":\"acme\",\"444455556666\":\"globex\"}"));
        assertThat(render(worker.get(LambdaContract.ALERT_TOPIC_ARN))).startsWith("${AlertTopic");
        assertThat(render(worker.get(LambdaContract.TABLE_NAME))).startsWith("${Table");
        assertThat(environment(properties(functions.get(LambdaContract.ADMIN_API))))
                .containsEntry(LambdaContract.ADMIN_PRINCIPALS,
                        "{\"arn:aws:iam::111122223333:role/KeyAdmins\":{\"acme\":[\"custodian\"]}}");
    }

    @Test
    void everyFunctionHasALiveAliasOnItsPublishedVersion() {
        var aliases = resources(json, "AWS::Lambda::Alias");
        assertThat(aliases).hasSize(functions.size());
        var functionIds = functions.values().stream().map(Cfn::id).collect(Collectors.toSet());
        aliases.values().forEach(alias -> {
            Map<String, Object> p = properties(alias);
            assertThat(p).containsEntry("Name", "live");
            assertThat(functionIds).contains(Cfn.unref(render(p.get("FunctionName"))));
            assertThat(render(p.get("FunctionVersion"))).endsWith(".Version}");
        });
    }

    @Test
    void queuesFeedTheAliasesAndReportPartialBatchFailures() {
        var mappings = resources(json, "AWS::Lambda::EventSourceMapping").values().stream().map(Cfn::properties).toList();
        assertThat(mappings).hasSize(3).allSatisfy(m -> {
            assertThat(m).containsEntry("FunctionResponseTypes", List.of("ReportBatchItemFailures"));
            // the mapping names the function by its alias: <function name>:live
            assertThat(render(m.get("FunctionName"))).contains("FunctionLive").endsWith(":live");
        });
        var ingest = mappingFrom(mappings, "IngestQueue");
        assertThat(number(ingest.get("BatchSize"))).isEqualTo(10);
        assertThat(number(ingest.get("MaximumBatchingWindowInSeconds"))).isPositive();
        assertThat(render(ingest.get("FunctionName"))).contains("IngestQueueFunctionLive");
        var sweep = mappingFrom(mappings, "SweepQueue");
        assertThat(number(sweep.get("BatchSize"))).isEqualTo(1);
        assertThat(render(sweep.get("FunctionName"))).contains("SweepWorkerFunctionLive");
        var checkpoints = mappingFrom(mappings, "CheckpointQueue");
        assertThat(number(checkpoints.get("BatchSize"))).isEqualTo(KeyLedgerStack.CHECKPOINT_BATCH_SIZE);
        assertThat(number(checkpoints.get("MaximumBatchingWindowInSeconds"))).isEqualTo(30);
        assertThat(number(map(checkpoints.get("ScalingConfig")).get("MaximumConcurrency"))).isEqualTo(2);
        assertThat(render(checkpoints.get("FunctionName"))).contains("SignCheckpointsFunctionLive");
    }

    @Test
    void queueVisibilityIsAtLeastSixFunctionTimeouts() {
        var queues = resources(json, "AWS::SQS::Queue");
        int ingestTimeout = number(properties(functions.get(LambdaContract.INGEST_QUEUE)).get("Timeout"));
        int workerTimeout = number(properties(functions.get(LambdaContract.SWEEP_WORKER)).get("Timeout"));
        int signerTimeout = number(properties(functions.get(LambdaContract.SIGN_CHECKPOINTS)).get("Timeout"));
        assertThat(number(properties(queue(queues, "IngestQueue")).get("VisibilityTimeout"))).isGreaterThanOrEqualTo(6 * ingestTimeout);
        assertThat(number(properties(queue(queues, "SweepQueue")).get("VisibilityTimeout"))).isGreaterThanOrEqualTo(6 * workerTimeout);
        assertThat(number(properties(queue(queues, "CheckpointQueue")).get("VisibilityTimeout"))).isGreaterThanOrEqualTo(6 * signerTimeout);
    }

    @Test
    void everyQueueIsEncryptedAndTheWorkQueuesRedriveToDeadLetterQueues() {
        var queues = resources(json, "AWS::SQS::Queue");
        assertThat(queues).hasSize(7);
        queues.values().forEach(q -> assertThat(properties(q)).containsEntry("SqsManagedSseEnabled", true));
        Map<String, Object> redrive = map(properties(queue(queues, "IngestQueue")).get("RedrivePolicy"));
        assertThat(number(redrive.get("maxReceiveCount"))).isEqualTo(5);
        assertThat(render(redrive.get("deadLetterTargetArn"))).startsWith("${IngestDeadLetterQueue");
        assertThat(render(map(properties(queue(queues, "SweepQueue")).get("RedrivePolicy")).get("deadLetterTargetArn")))
                .startsWith("${SweepDeadLetterQueue");
        assertThat(render(map(properties(queue(queues, "CheckpointQueue")).get("RedrivePolicy")).get("deadLetterTargetArn")))
                .startsWith("${CheckpointDeadLetterQueue");
        for (String dlq : List.of("IngestDeadLetterQueue", "SweepDeadLetterQueue", "DeliveryDeadLetterQueue",
                "CheckpointDeadLetterQueue")) {
            assertThat(number(properties(queue(queues, dlq)).get("MessageRetentionPeriod"))).as(dlq).isEqualTo(14 * 24 * 3600);
        }
    }

    @Test
    void aMessageInAnyDeadLetterQueueRaisesAnAlarmOnTheAlertTopic() {
        var alarms = resources(json, "AWS::CloudWatch::Alarm").values().stream().map(Cfn::properties).toList();
        var watched = alarms.stream().map(a -> render(map(list(a.get("Dimensions")).get(0)).get("Value"))).toList();
        assertThat(watched).anySatisfy(v -> assertThat(v).startsWith("${IngestDeadLetterQueue"))
                .anySatisfy(v -> assertThat(v).startsWith("${SweepDeadLetterQueue"))
                .anySatisfy(v -> assertThat(v).startsWith("${DeliveryDeadLetterQueue"))
                .anySatisfy(v -> assertThat(v).startsWith("${CheckpointDeadLetterQueue"));
        assertThat(alarms).hasSize(4).allSatisfy(a -> {
            assertThat(a).containsEntry("Namespace", "AWS/SQS")
                    .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
                    .containsEntry("ComparisonOperator", "GreaterThanThreshold");
            assertThat(number(a.get("Threshold"))).isZero();
            assertThat(strings(a.get("AlarmActions"))).singleElement().asString().startsWith("${AlertTopic");
        });
    }

    // --- Triggers ------------------------------------------------------------------------------------

    @Test
    void kmsEventRulesSendToTheIngestQueueWithADeadLetterQueue() {
        var rules = resources(json, "AWS::Events::Rule").values().stream().map(Cfn::properties).toList();
        assertThat(rules).extracting(r -> r.get("EventPattern")).containsExactlyInAnyOrder(
                Map.of("source", List.of("aws.kms"),
                        "detail-type", List.of("AWS API Call via CloudTrail", "AWS Service Event via CloudTrail")),
                Map.of("source", List.of("aws.kms"),
                        "detail-type", List.of("KMS CMK Rotation", "KMS CMK Deletion", "KMS Imported Key Material Expiration")));
        assertThat(rules).allSatisfy(rule -> {
            assertThat(rule).containsEntry("State", "ENABLED");
            Map<String, Object> target = map(list(rule.get("Targets")).get(0));
            assertThat(render(target.get("Arn"))).startsWith("${IngestQueue");
            assertThat(render(map(target.get("DeadLetterConfig")).get("Arn"))).startsWith("${DeliveryDeadLetterQueue");
        });
    }

    @Test
    void theScheduleStartsTheFanOutAliasAtTheConfiguredRate() {
        var schedule = schedule("SweepFanOutFunctionLive");
        assertThat(schedule).containsEntry("ScheduleExpression", "rate(12 hours)").containsEntry("State", "ENABLED");
        Map<String, Object> target = map(schedule.get("Target"));
        assertThat(render(target.get("Arn"))).startsWith("${SweepFanOutFunctionLive");
        assertThat(render(target.get("RoleArn"))).startsWith("${SchedulerRole");
        assertThat(render(map(target.get("DeadLetterConfig")).get("Arn"))).startsWith("${DeliveryDeadLetterQueue");
    }

    @Test
    void theAdminApiIsAnIamAuthenticatedFunctionUrlOnTheAliasWithoutCors() {
        var url = properties(resources(json, "AWS::Lambda::Url").values().iterator().next());
        assertThat(url).containsEntry("AuthType", "AWS_IAM").containsEntry("Qualifier", "live").doesNotContainKey("Cors");
        assertThat(Cfn.unref(render(url.get("TargetFunctionArn")))).isEqualTo(Cfn.id(functions.get(LambdaContract.ADMIN_API)) + ".Arn");
    }

    @Test
    void newTrailLogFilesNotifyTheS3IngestAlias() {
        var notification = properties(resources(json, "Custom::S3BucketNotifications").values().iterator().next());
        assertThat(notification).containsEntry("BucketName", TRAIL_BUCKET).containsEntry("Managed", false);
        Map<String, Object> lambda = map(list(map(notification.get("NotificationConfiguration"))
                .get("LambdaFunctionConfigurations")).get(0));
        assertThat(lambda).containsEntry("Events", List.of("s3:ObjectCreated:*"));
        assertThat(render(lambda.get("LambdaFunctionArn"))).startsWith("${IngestS3LogsFunctionLive");
        assertThat(render(lambda.get("Filter"))).contains("\"Value\":\"org/AWSLogs/\"").contains("\"Value\":\".json.gz\"");
    }

    @Test
    void asynchronousInvocationsThatFailLandInTheDeliveryDeadLetterQueue() {
        var configs = resources(json, "AWS::Lambda::EventInvokeConfig").values().stream().map(Cfn::properties).toList();
        assertThat(configs).extracting(c -> render(c.get("FunctionName"))).containsExactlyInAnyOrder(
                "${" + Cfn.id(functions.get(LambdaContract.INGEST_S3_LOGS)) + "}",
                "${" + Cfn.id(functions.get(LambdaContract.SWEEP_FAN_OUT)) + "}",
                "${" + Cfn.id(functions.get(LambdaContract.MAINTAIN_LEDGER)) + "}");
        assertThat(configs).allSatisfy(c -> assertThat(render(map(map(c.get("DestinationConfig")).get("OnFailure")).get("Destination")))
                .startsWith("${DeliveryDeadLetterQueue"));
    }

    // --- Alerts --------------------------------------------------------------------------------------

    @Test
    void theAlertTopicIsEncryptedWithARotatingKeyOfItsOwn() {
        var topic = properties(resources(json, "AWS::SNS::Topic").values().iterator().next());
        var keys = resources(json, "AWS::KMS::Key");
        assertThat(keys).hasSize(2);
        String keyId = keys.keySet().stream().filter(id -> id.startsWith("AlertKey")).findFirst().orElseThrow();
        assertThat(render(topic.get("KmsMasterKeyId"))).isEqualTo("${" + keyId + ".Arn}");
        assertThat(properties(keys.get(keyId))).containsEntry("EnableKeyRotation", true);
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of("Protocol", "email", "Endpoint", "security@example.com"));
    }

    @Test
    void cloudWatchMayUseTheTopicAndItsKeyOnlyForThisStacksAlarms() {
        var cloudWatch = Cfn.statements(json).stream()
                .filter(s -> "{\"Service\":\"cloudwatch.amazonaws.com\"}".equals(render(s.body().get("Principal"))))
                .toList();
        assertThat(cloudWatch).extracting(Cfn.Statement::type)
                .containsExactlyInAnyOrder("AWS::KMS::Key", "AWS::SNS::TopicPolicy");
        assertThat(cloudWatch).allSatisfy(s -> assertThat(render(map(s.condition().get("ArnLike")).get("aws:SourceArn")))
                .isEqualTo("arn:${AWS::Partition}:cloudwatch:${AWS::Region}:${AWS::AccountId}:alarm:${AWS::StackName}-*"));
        assertThat(resources(json, "AWS::CloudWatch::Alarm").values())
                .allSatisfy(a -> assertThat(render(properties(a).get("AlarmName"))).startsWith("${AWS::StackName}-"));
    }

    // --- IAM -----------------------------------------------------------------------------------------

    @Test
    void noStatementGrantsEveryActionOrEveryKmsAction() {
        assertThat(Cfn.statements(json)).isNotEmpty().allSatisfy(s ->
                assertThat(s.actions()).as(s.logicalId()).doesNotContain("*", "kms:*"));
    }

    @Test
    void allowedActionsAreNamedOneByOne() {
        assertThat(Cfn.statements(json).stream().filter(Cfn.Statement::allows))
                .allSatisfy(s -> assertThat(s.actions()).as(s.logicalId()).noneMatch(a -> a.contains("*")));
    }

    @Test
    void onlyActionsWithoutResourceLevelPermissionsGetTheWildcardResource() {
        Set<String> unscoped = AwsSweepOperation.operations().stream().filter(op -> !op.resourceLevel())
                .map(ApiOperation::permission).collect(Collectors.toSet());
        assertThat(unscoped).contains("kms:ListKeys", "kms:DescribeCustomKeyStores", "account:ListRegions")
                .doesNotContain("kms:DescribeKey", "kms:GetKeyLastUsage", "kms:ListGrants", "kms:GetKeyPolicy");
        assertThat(Cfn.statements(json).stream().filter(s -> s.allows() && s.isIdentityPolicy())
                .filter(s -> s.resources().contains("*")))
                .isNotEmpty()
                .allSatisfy(s -> assertThat(unscoped).as(s.logicalId()).containsAll(s.actions()));
    }

    @Test
    void theSweepWorkerIsGrantedExactlyWhatTheKeySourceAndTheMemberRoleSessionsDeclare() {
        var worker = SweepGrants.statements(json, role(KeyLedgerStack.WORKER_ROLE_NAME));
        assertThat(SweepGrants.granted(worker)).containsExactlyInAnyOrderElementsOf(
                SweepGrants.actionsFor(Purpose.READ_KEYS, Purpose.REACH_ACCOUNTS));
        SweepGrants.assertResourcesFollowTheDeclaration(worker, "KeyLedgerSweepRole");
        assertThat(worker).filteredOn(s -> s.actions().contains("kms:DescribeKey")).singleElement()
                .satisfies(s -> assertThat(s.resources()).containsExactly(SweepGrants.ACCOUNT_KEYS)
                        .satisfies(r -> assertThat(s.actions()).contains("kms:GetKeyLastUsage", "kms:ListGrants",
                                "kms:GetKeyPolicy")));
        // the rest of its KMS actions is the alert key, and only through SNS
        var alertKey = identityStatements(role(KeyLedgerStack.WORKER_ROLE_NAME)).stream()
                .filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("kms:")))
                .filter(s -> s.body().containsKey("Condition")).toList();
        assertThat(alertKey).singleElement().satisfies(s -> {
            assertThat(s.actions()).containsExactlyInAnyOrder("kms:GenerateDataKey", "kms:Decrypt");
            assertThat(s.resources()).singleElement().asString().startsWith("${AlertKey");
            assertThat(render(map(s.condition().get("StringEquals")).get("kms:ViaService")))
                    .isEqualTo("sns.${AWS::Region}.${AWS::URLSuffix}");
        });
    }

    @Test
    void theSweepsAssumeOnlyTheMemberRoleAndOnlyInsideTheOrganization() {
        var assume = Cfn.statements(json).stream().filter(s -> s.isIdentityPolicy() && s.actions().contains("sts:AssumeRole")).toList();
        assertThat(assume.stream().flatMap(s -> s.roles().stream()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(role(KeyLedgerStack.FAN_OUT_ROLE_NAME), role(KeyLedgerStack.WORKER_ROLE_NAME));
        assertThat(assume).allSatisfy(s -> {
            assertThat(s.resources()).containsExactly("arn:${AWS::Partition}:iam::*:role/KeyLedgerSweepRole");
            assertThat(s.condition()).isEqualTo(Map.of("StringEquals", Map.of("aws:ResourceOrgID", ORGANIZATION)));
        });
    }

    @Test
    void theFanOutIsGrantedWhatTheScopeDiscoveryDeclaresButTheOrganizationListingWhenAccountsAreGiven() {
        assertThat(Cfn.statements(json)).noneMatch(s -> s.actions().contains("organizations:ListAccounts"));
        var fanOut = SweepGrants.statements(json, role(KeyLedgerStack.FAN_OUT_ROLE_NAME));
        Set<String> expected = new LinkedHashSet<>(SweepGrants.actionsFor(Purpose.FIND_SCOPES, Purpose.REACH_ACCOUNTS));
        expected.remove(AwsSweepOperation.LIST_ACCOUNTS.operation().permission());
        assertThat(SweepGrants.granted(fanOut)).containsExactlyInAnyOrderElementsOf(expected);
        SweepGrants.assertResourcesFollowTheDeclaration(fanOut, "KeyLedgerSweepRole");
        assertThat(identityStatements(role(KeyLedgerStack.FAN_OUT_ROLE_NAME)).stream().flatMap(s -> s.actions().stream()))
                .contains("sqs:SendMessage")
                .noneMatch(a -> a.startsWith("dynamodb:") || a.startsWith("kms:"));
    }

    @Test
    void theSweepRolesTogetherHoldEveryDeclaredOperationButTheOrganizationListing() {
        Set<String> granted = new LinkedHashSet<>();
        for (String name : List.of(KeyLedgerStack.FAN_OUT_ROLE_NAME, KeyLedgerStack.WORKER_ROLE_NAME)) {
            granted.addAll(SweepGrants.granted(SweepGrants.statements(json, role(name))));
        }
        Set<String> declared = new LinkedHashSet<>(SweepGrants.actions(List.of(AwsSweepOperation.values())));
        declared.remove("organizations:ListAccounts");
        assertThat(granted).containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void theWorkerQueuesTheFollowUpOfAScopeCutShortOnTheSweepQueueAndAsksForCheckpoints() {
        var sends = identityStatements(role(KeyLedgerStack.WORKER_ROLE_NAME)).stream()
                .filter(s -> s.actions().contains("sqs:SendMessage")).toList();
        assertThat(sends).flatExtracting(Cfn.Statement::resources).hasSize(2)
                .anySatisfy(r -> assertThat(r).startsWith("${SweepQueue"))
                .anySatisfy(r -> assertThat(r).startsWith("${CheckpointQueue"));
    }

    @Test
    void theAdminApiUsesTheTableStartsSweepsAndPublishesAlertsButHasNoKmsOrMemberAccess() {
        String adminRole = Cfn.unref(render(properties(functions.get(LambdaContract.ADMIN_API)).get("Role"))).replace(".Arn", "");
        var actions = identityStatements(adminRole).stream().flatMap(s -> s.actions().stream()).toList();
        assertThat(actions).contains("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "sqs:SendMessage",
                        "sns:Publish")
                .noneMatch(a -> a.startsWith("sts:") || (a.startsWith("kms:") && !a.equals("kms:GenerateDataKey")
                        && !a.equals("kms:Decrypt") && !a.equals("kms:GetPublicKey")));
        // none of the sweep's declared operations: it queues sweeps, the sweep roles send them
        assertThat(SweepGrants.statements(json, adminRole)).isEmpty();
    }

    @Test
    void tableAccessNamesTheTableAndItsIndexes() {
        var table = Cfn.statements(json).stream().filter(s -> s.actions().stream().anyMatch(a -> a.startsWith("dynamodb:"))).toList();
        assertThat(table).isNotEmpty().allSatisfy(s -> assertThat(s.resources()).singleElement().asString()
                .matches("\\$\\{Table[0-9A-F]+\\.Arn}(/index/\\*)?"));
        assertThat(table.stream().flatMap(s -> s.actions().stream())).doesNotContain("dynamodb:Scan", "dynamodb:DeleteTable");
    }

    @Test
    void theS3IngestReadsOnlyTheTrailLogPrefixAndDecryptsOnlyThroughS3() {
        String s3Role = Cfn.unref(render(properties(functions.get(LambdaContract.INGEST_S3_LOGS)).get("Role"))).replace(".Arn", "");
        var statements = identityStatements(s3Role);
        assertThat(statements).filteredOn(s -> "ReadTrailLogs".equals(s.body().get("Sid"))).singleElement()
                .satisfies(s -> assertThat(s.resources()).containsExactly("arn:${AWS::Partition}:s3:::" + TRAIL_BUCKET + "/org/AWSLogs/*"));
        assertThat(statements).filteredOn(s -> s.actions().equals(List.of("kms:Decrypt"))).singleElement().satisfies(s -> {
            assertThat(s.resources()).containsExactly(TRAIL_KEY);
            assertThat(render(map(s.condition().get("StringEquals")).get("kms:ViaService"))).isEqualTo("s3.${AWS::Region}.${AWS::URLSuffix}");
        });
    }

    @Test
    void theSweepRolesHaveTheNamesTheMemberRolesTrust() {
        assertThat(role(KeyLedgerStack.FAN_OUT_ROLE_NAME))
                .isEqualTo(Cfn.unref(render(properties(functions.get(LambdaContract.SWEEP_FAN_OUT)).get("Role"))).replace(".Arn", ""));
        assertThat(role(KeyLedgerStack.WORKER_ROLE_NAME))
                .isEqualTo(Cfn.unref(render(properties(functions.get(LambdaContract.SWEEP_WORKER)).get("Role"))).replace(".Arn", ""));
    }

    @Test
    void theOutputsNameWhatOperatorsAndMemberAccountsNeed() {
        Map<String, Object> outputs = map(json.get("Outputs"));
        assertThat(outputs).containsKeys("TableName", "AdminApiUrl", "AdminApiFunctionArn", "AlertTopicArn",
                "IngestQueueUrl", "SweepQueueUrl", "SweepRoleArns", "LedgerKeyArn", "LedgerBucketName",
                "CheckpointQueueUrl");
        assertThat(render(map(outputs.get("LedgerKeyArn")).get("Value"))).startsWith("${LedgerKey");
        assertThat(render(map(outputs.get("LedgerBucketName")).get("Value"))).startsWith("${LedgerBucket");
        assertThat(render(map(outputs.get("AdminApiFunctionArn")).get("Value"))).startsWith("${AdminApiFunctionLive");
    }

    @Test
    void synthesisLeavesNoWarningOrError() {
        Annotations annotations = Annotations.fromStack(stack);
        annotations.hasNoWarning("*", Match.anyValue());
        annotations.hasNoError("*", Match.anyValue());
    }

    // --- Ledger --------------------------------------------------------------------------------------

    @Test
    void theLedgerKeyIsAnAsymmetricP256SigningKeyThatOutlivesTheStack() {
        var key = ledgerKey();
        assertThat(key).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        assertThat(properties(key)).containsEntry("KeySpec", "ECC_NIST_P256").containsEntry("KeyUsage", "SIGN_VERIFY")
                .doesNotContainKey("EnableKeyRotation");
    }

    @Test
    void theLedgerKeyPolicyLeavesSigningToIamAndOnlyWithEcdsaSha256() {
        var policy = Cfn.statements(json).stream().filter(s -> s.logicalId().equals(ledgerKeyId())).toList();
        assertThat(policy).allSatisfy(s -> {
            assertThat(s.allows()).isTrue();
            assertThat(render(s.body().get("Principal"))).contains(":root");
        });
        assertThat(policy).filteredOn(s -> s.actions().contains("kms:Sign")).singleElement().satisfies(s -> {
            assertThat(s.actions()).containsExactly("kms:Sign");
            assertThat(s.condition()).isEqualTo(Map.of("StringEquals", Map.of("kms:SigningAlgorithm", "ECDSA_SHA_256")));
        });
        // no use of the key for anything else, and no wildcard action
        assertThat(policy.stream().flatMap(s -> s.actions().stream()))
                .doesNotContain("kms:Encrypt", "kms:Decrypt", "kms:GenerateDataKey", "kms:Verify", "kms:*",
                        "kms:CreateGrant");
    }

    @Test
    void theLedgerBucketLocksEveryObjectInComplianceModeAndOutlivesTheStack() {
        var bucket = ledgerBucketResource();
        assertThat(bucket).containsEntry("DeletionPolicy", "Retain").containsEntry("UpdateReplacePolicy", "Retain");
        Map<String, Object> p = properties(bucket);
        assertThat(p).containsEntry("ObjectLockEnabled", true)
                .containsEntry("VersioningConfiguration", Map.of("Status", "Enabled"))
                .containsEntry("ObjectLockConfiguration", Map.of("ObjectLockEnabled", "Enabled",
                        "Rule", Map.of("DefaultRetention", Map.of("Mode", "COMPLIANCE",
                                "Days", 3650))))
                .containsEntry("PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true,
                        "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(render(p.get("BucketEncryption"))).contains("AES256");
        // archived segments move to Glacier Instant Retrieval; only a segment the purge deleted (its lock over)
        // leaves, as a noncurrent version; nothing expires a current object, and checkpoints have no rule
        var rules = list(map(p.get("LifecycleConfiguration")).get("Rules"));
        assertThat(rules).hasSize(1);
        Map<String, Object> rule = map(rules.get(0));
        assertThat(rule).containsEntry("Prefix", "archive/").containsEntry("Status", "Enabled")
                .containsEntry("NoncurrentVersionExpiration", Map.of("NoncurrentDays", 1))
                .containsEntry("ExpiredObjectDeleteMarker", true)
                .doesNotContainKeys("ExpirationInDays", "ExpirationDate");
        assertThat(list(rule.get("Transitions"))).singleElement().satisfies(t ->
                assertThat(map(t)).containsEntry("StorageClass", "GLACIER_IR").containsEntry("TransitionInDays", 90));
    }

    @Test
    void theLedgerBucketRefusesToEveryoneAnOverwriteOfItsObjectsAndAnyDeletionOfACheckpoint() {
        var policy = Cfn.statements(json).stream().filter(s -> s.type().equals("AWS::S3::BucketPolicy")).toList();
        String objects = "${" + ledgerBucketId() + ".Arn}/";
        assertThat(policy).filteredOn(s -> "WriteOnlyNewLedgerObjects".equals(s.body().get("Sid"))).singleElement()
                .satisfies(s -> {
                    assertThat(s.body()).containsEntry("Effect", "Deny").containsEntry("Principal", Map.of("AWS", "*"));
                    assertThat(s.actions()).containsExactly("s3:PutObject");
                    assertThat(s.resources()).containsExactlyInAnyOrder(objects + "checkpoints/*", objects + "archive/*");
                    assertThat(s.condition()).isEqualTo(Map.of("Null", Map.of("s3:if-none-match", "true")));
                });
        assertThat(policy).filteredOn(s -> "NeverDeleteCheckpoints".equals(s.body().get("Sid"))).singleElement()
                .satisfies(s -> {
                    assertThat(s.body()).containsEntry("Effect", "Deny").doesNotContainKey("Condition");
                    assertThat(s.actions()).containsExactlyInAnyOrder("s3:DeleteObject", "s3:DeleteObjectVersion");
                    assertThat(s.resources()).containsExactly(objects + "checkpoints/*");
                });
        // and TLS only
        assertThat(policy).anySatisfy(s -> assertThat(s.condition())
                .isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false"))));
    }

    @Test
    void onlyTheCheckpointSignerAndTheLedgerMaintenanceMaySign() {
        var signers = Cfn.statements(json).stream().filter(s -> s.isIdentityPolicy() && s.allows())
                .filter(s -> s.actions().contains("kms:Sign"))
                .flatMap(s -> s.roles().stream()).collect(Collectors.toSet());
        assertThat(signers).containsExactlyInAnyOrder(roleOf(LambdaContract.SIGN_CHECKPOINTS),
                roleOf(LambdaContract.MAINTAIN_LEDGER));
        // ... and only with the ledger key
        assertThat(Cfn.statements(json)).filteredOn(s -> s.isIdentityPolicy() && s.actions().contains("kms:Sign"))
                .allSatisfy(s -> assertThat(s.resources()).containsExactly("${" + ledgerKeyId() + ".Arn}"));
    }

    @Test
    void eachFunctionIsGrantedExactlyTheLedgerOperationsOfItsRoleOnTheResourcesTheyName() {
        Map<String, Permissions.LedgerRole> roles = Map.of(
                LambdaContract.INGEST_QUEUE, Permissions.LedgerRole.WRITER,
                LambdaContract.INGEST_S3_LOGS, Permissions.LedgerRole.WRITER,
                LambdaContract.SWEEP_WORKER, Permissions.LedgerRole.WRITER,
                LambdaContract.ADMIN_API, Permissions.LedgerRole.WRITER,
                LambdaContract.SIGN_CHECKPOINTS, Permissions.LedgerRole.SIGNER,
                LambdaContract.MAINTAIN_LEDGER, Permissions.LedgerRole.MAINTAINER);
        var resources = new LedgerGrants.Resources(ledgerKeyId(), ledgerBucketId(), queueId("CheckpointQueue"));
        roles.forEach((bean, role) -> {
            var statements = LedgerGrants.statements(json, roleOf(bean));
            assertThat(LedgerGrants.granted(statements)).as(bean)
                    .containsExactlyInAnyOrderElementsOf(LedgerGrants.declared(role));
            LedgerGrants.assertResourcesFollowTheDeclaration(statements, resources);
        });
        // the fan-out writes nothing and holds nothing of the ledger
        assertThat(LedgerGrants.statements(json, role(KeyLedgerStack.FAN_OUT_ROLE_NAME))).isEmpty();
        // beside them, only the signer's consumption of the checkpoint queue (its event source) names the ledger
        assertThat(LedgerGrants.others(json)).singleElement().satisfies(s -> {
            assertThat(s.roles()).containsExactly(roleOf(LambdaContract.SIGN_CHECKPOINTS));
            assertThat(s.resources()).containsExactly("${" + queueId("CheckpointQueue") + ".Arn}");
            assertThat(s.actions()).contains("sqs:ReceiveMessage", "sqs:DeleteMessage")
                    .allSatisfy(a -> assertThat(a).startsWith("sqs:").isNotEqualTo("sqs:SendMessage"));
        });
    }

    @Test
    void theWritersNeitherSignNorAnchorNorArchive() {
        for (String bean : List.of(LambdaContract.INGEST_QUEUE, LambdaContract.INGEST_S3_LOGS, LambdaContract.SWEEP_WORKER,
                LambdaContract.ADMIN_API)) {
            var actions = identityStatements(roleOf(bean)).stream().flatMap(s -> s.actions().stream()).toList();
            assertThat(actions).as(bean).doesNotContain("kms:Sign", "s3:PutObject", "s3:DeleteObject",
                    "s3:PutObjectRetention", "s3:BypassGovernanceRetention");
        }
    }

    @Test
    void theLedgerMaintenanceRunsDailyAndItsFailuresLandInTheDeliveryDeadLetterQueue() {
        var schedule = schedule("MaintainLedgerFunctionLive");
        assertThat(schedule).containsEntry("ScheduleExpression", "rate(1 day)").containsEntry("State", "ENABLED");
        assertThat(render(map(map(schedule.get("Target")).get("DeadLetterConfig")).get("Arn")))
                .startsWith("${DeliveryDeadLetterQueue");
        assertThat(number(properties(functions.get(LambdaContract.MAINTAIN_LEDGER)).get("Timeout"))).isEqualTo(900);
    }

    @Test
    void theFunctionsFindTheLedgerKeyBucketAndQueueOfThisStack() {
        var writer = environment(properties(functions.get(LambdaContract.INGEST_QUEUE)));
        assertThat(render(writer.get(LambdaContract.LEDGER_KEY_ARN))).isEqualTo("${" + ledgerKeyId() + ".Arn}");
        assertThat(render(writer.get(LambdaContract.LEDGER_BUCKET))).isEqualTo("${" + ledgerBucketId() + "}");
        assertThat(render(writer.get(LambdaContract.CHECKPOINT_QUEUE_URL))).startsWith("${CheckpointQueue");
        var signer = environment(properties(functions.get(LambdaContract.SIGN_CHECKPOINTS)));
        assertThat(render(signer.get(LambdaContract.LEDGER_KEY_ARN))).isEqualTo("${" + ledgerKeyId() + ".Arn}");
    }

    // --- helpers -------------------------------------------------------------------------------------

    private static Set<String> union(Set<String> base, String... more) {
        var out = new LinkedHashSet<>(base);
        out.addAll(List.of(more));
        return out;
    }

    private static Map<String, Object> schedule(String targetPrefix) {
        return resources(json, "AWS::Scheduler::Schedule").values().stream().map(Cfn::properties)
                .filter(s -> render(map(s.get("Target")).get("Arn")).startsWith("${" + targetPrefix))
                .findFirst().orElseThrow(() -> new AssertionError("no schedule of " + targetPrefix));
    }

    private static String ledgerKeyId() {
        return resources(json, "AWS::KMS::Key").keySet().stream().filter(id -> id.startsWith("LedgerKey")).findFirst()
                .orElseThrow(() -> new AssertionError("no ledger key"));
    }

    private static Map<String, Object> ledgerKey() {
        return resources(json, "AWS::KMS::Key").get(ledgerKeyId());
    }

    private static String ledgerBucketId() {
        return resources(json, "AWS::S3::Bucket").keySet().stream().filter(id -> id.startsWith("LedgerBucket")).findFirst()
                .orElseThrow(() -> new AssertionError("no ledger bucket"));
    }

    private static Map<String, Object> ledgerBucketResource() {
        return resources(json, "AWS::S3::Bucket").get(ledgerBucketId());
    }

    private static String queueId(String prefix) {
        return resources(json, "AWS::SQS::Queue").keySet().stream().filter(id -> id.matches(prefix + "[0-9A-F]{8}"))
                .findFirst().orElseThrow(() -> new AssertionError("no queue " + prefix));
    }

    /** The logical id of the role of a function. */
    private static String roleOf(String bean) {
        return Cfn.unref(render(properties(functions.get(bean)).get("Role"))).replace(".Arn", "");
    }

    private static Map<String, Object> mappingFrom(List<Map<String, Object>> mappings, String queue) {
        return mappings.stream().filter(m -> render(m.get("EventSourceArn")).startsWith("${" + queue)).findFirst().orElseThrow();
    }

    private static Map<String, Object> queue(Map<String, Map<String, Object>> queues, String prefix) {
        return queues.entrySet().stream().filter(e -> e.getKey().matches(prefix + "[0-9A-F]{8}"))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError("no queue " + prefix));
    }

    /** The logical id of the role with this name. */
    private static String role(String roleName) {
        return resources(json, "AWS::IAM::Role").entrySet().stream()
                .filter(e -> roleName.equals(properties(e.getValue()).get("RoleName")))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new AssertionError("no role " + roleName));
    }

    private static List<Cfn.Statement> identityStatements(String roleId) {
        return Cfn.statements(json).stream().filter(s -> s.isIdentityPolicy() && s.roles().contains(roleId)).toList();
    }
}
