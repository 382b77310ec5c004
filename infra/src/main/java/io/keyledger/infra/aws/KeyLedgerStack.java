package io.keyledger.infra.aws;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.events.targets.SqsQueueProps;
import software.amazon.awscdk.services.iam.AnyPrincipal;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.FunctionUrl;
import software.amazon.awscdk.services.lambda.FunctionUrlAuthType;
import software.amazon.awscdk.services.lambda.FunctionUrlOptions;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSourceProps;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.EventType;
import software.amazon.awscdk.services.s3.IBucket;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.NotificationKeyFilter;
import software.amazon.awscdk.services.s3.ObjectLockRetention;
import software.amazon.awscdk.services.s3.StorageClass;
import software.amazon.awscdk.services.s3.Transition;
import software.amazon.awscdk.services.s3.notifications.LambdaDestination;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import io.keyledger.aws.ledger.AwsLedgerOperation;
import software.constructs.Construct;

/**
 * KeyLedger in the central account: the inventory table, the ingest and sweep queues, the seven
 * Lambda functions with their triggers, the KMS event rules, the alert topic and the alarms on
 * everything that can drop an event; and the ledger's trust outside the table: its KMS signing key,
 * the Object Lock bucket its checkpoints and archived segments are written to, and the checkpoint
 * queue through which the functions that write the table ask the one that signs.
 */
public final class KeyLedgerStack extends Stack {

    /** The sweep roles have fixed names: the member accounts' roles trust them by ARN. */
    public static final String FAN_OUT_ROLE_NAME = "KeyLedgerSweepFanOut";
    public static final String WORKER_ROLE_NAME = "KeyLedgerSweepWorker";

    // Table layout, shared with the DynamoDB store
    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";
    public static final String TTL_ATTRIBUTE = "expiresAt";
    /** Index name to its partition and sort key. */
    public static final Map<String, List<String>> INDEXES = indexes();

    // KMS events (EventBridge detail-type values)
    public static final String KMS_SOURCE = "aws.kms";
    public static final List<String> CLOUDTRAIL_DETAIL_TYPES =
            List.of("AWS API Call via CloudTrail", "AWS Service Event via CloudTrail");
    public static final List<String> KMS_DETAIL_TYPES =
            List.of("KMS CMK Rotation", "KMS CMK Deletion", "KMS Imported Key Material Expiration");

    static final Duration INGEST_TIMEOUT = Duration.seconds(60);
    static final Duration S3_INGEST_TIMEOUT = Duration.minutes(3);
    static final Duration FAN_OUT_TIMEOUT = Duration.minutes(2);
    static final Duration WORKER_TIMEOUT = Duration.minutes(5);
    static final Duration ADMIN_TIMEOUT = Duration.seconds(30);
    static final Duration INGEST_BATCHING_WINDOW = Duration.seconds(5);
    static final int INGEST_BATCH_SIZE = 10;
    static final int MAX_RECEIVE_COUNT = 5;
    /** At most this many sweep workers at once: the member accounts' KMS request quotas are shared. */
    static final int WORKER_CONCURRENCY = 10;
    static final Duration SIGN_TIMEOUT = Duration.seconds(60);
    static final Duration MAINTAIN_TIMEOUT = Duration.minutes(15);
    /** Requests gathered for up to this long are signed together: one KMS Sign per tenant and batch. */
    static final Duration CHECKPOINT_BATCHING_WINDOW = Duration.seconds(30);
    static final int CHECKPOINT_BATCH_SIZE = 100;
    /** Two signers at most (Lambda's least for an SQS source); the checkpointer refuses a stale head anyway. */
    static final int SIGNER_CONCURRENCY = 2;
    static final String MAINTENANCE_SCHEDULE = "rate(1 day)";
    /** Archived segments are read rarely, and at once when they are: Glacier Instant Retrieval after this. */
    static final Duration ARCHIVE_TO_GLACIER_IR = Duration.days(90);

    private final Table table;
    private final Topic alertTopic;
    private final Bucket ledgerBucket;

    public KeyLedgerStack(Construct scope, String id, StackProps props, DeploymentSettings settings) {
        super(scope, id, props);
        Code code = lambdaCode(settings.lambdaJar());

        AlertKey alertKey = new AlertKey(this, "AlertKey");
        this.alertTopic = Topic.Builder.create(this, "AlertTopic")
                .displayName("KeyLedger alerts")
                .masterKey(Key.fromKeyArn(this, "AlertKeyArn", alertKey.key().getAttrArn()))
                .enforceSsl(true)
                .build();
        // The topic's own policy (enforceSsl) replaces SNS's default one, so CloudWatch is named here
        alertTopic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("CloudWatchAlarms")
                .principals(List.of(new ServicePrincipal("cloudwatch.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(alertTopic.getTopicArn()))
                .conditions(AlertKey.fromStackAlarms())
                .build());
        settings.alertEmail().ifPresent(email -> alertTopic.addSubscription(new EmailSubscription(email)));
        this.table = inventoryTable();
        LedgerKey ledgerKey = new LedgerKey(this, "LedgerKey");
        this.ledgerBucket = ledgerBucket(settings.ledgerLockDays());

        // Everything that can give up on a message ends in a queue with an alarm: a dropped
        // audit event is a hole in the inventory's history.
        Queue ingestDeadLetters = deadLetterQueue("IngestDeadLetterQueue");
        Queue ingestQueue = Queue.Builder.create(this, "IngestQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(visibilityTimeout(INGEST_TIMEOUT, INGEST_BATCHING_WINDOW))
                .retentionPeriod(Duration.days(4))
                .deadLetterQueue(DeadLetterQueue.builder().queue(ingestDeadLetters).maxReceiveCount(MAX_RECEIVE_COUNT).build())
                .build();
        Queue sweepDeadLetters = deadLetterQueue("SweepDeadLetterQueue");
        Queue sweepQueue = Queue.Builder.create(this, "SweepQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(visibilityTimeout(WORKER_TIMEOUT, Duration.seconds(0)))
                .retentionPeriod(Duration.days(1))
                .deadLetterQueue(DeadLetterQueue.builder().queue(sweepDeadLetters).maxReceiveCount(3).build())
                .build();
        Queue deliveryDeadLetters = deadLetterQueue("DeliveryDeadLetterQueue");
        deadLetterAlarm("IngestDeadLetters", ingestDeadLetters, "KMS events that failed ingestion 5 times");
        deadLetterAlarm("SweepDeadLetters", sweepDeadLetters, "sweeps that failed 3 times");
        deadLetterAlarm("DeliveryDeadLetters", deliveryDeadLetters,
                "events EventBridge, EventBridge Scheduler or S3 could not deliver to KeyLedger, or ledger "
                        + "maintenance runs that failed");
        // A request that keeps failing is a head the signer refuses: a signed ledger was changed
        Queue checkpointDeadLetters = deadLetterQueue("CheckpointDeadLetterQueue");
        Queue checkpointQueue = Queue.Builder.create(this, "CheckpointQueue")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .visibilityTimeout(visibilityTimeout(SIGN_TIMEOUT, CHECKPOINT_BATCHING_WINDOW))
                .retentionPeriod(Duration.days(4))
                .deadLetterQueue(DeadLetterQueue.builder().queue(checkpointDeadLetters).maxReceiveCount(MAX_RECEIVE_COUNT).build())
                .build();
        deadLetterAlarm("CheckpointDeadLetters", checkpointDeadLetters,
                "checkpoint requests refused 5 times (a ledger head that does not extend its signed checkpoint)");
        var ledger = new Permissions.LedgerResources(ledgerKey.key().getAttrArn(), ledgerBucket.getBucketArn(),
                checkpointQueue.getQueueArn());

        var common = new LinkedHashMap<String, String>();
        common.put(LambdaContract.TABLE_NAME, table.getTableName());
        common.put(LambdaContract.TENANTS, settings.tenantsJson());
        // The functions that write the table verify with the ledger key's public key and ask for checkpoints
        var writing = new LinkedHashMap<>(common);
        writing.put(LambdaContract.LEDGER_KEY_ARN, ledgerKey.key().getAttrArn());
        writing.put(LambdaContract.LEDGER_BUCKET, ledgerBucket.getBucketName());
        writing.put(LambdaContract.CHECKPOINT_QUEUE_URL, checkpointQueue.getQueueUrl());

        // Ingest from SQS (the EventBridge rules below feed it)
        var ingest = new KeyLedgerFunction(this, "IngestQueueFunction", LambdaContract.INGEST_QUEUE,
                "KeyLedger: ingest KMS events from SQS", INGEST_TIMEOUT, code, null,
                alerting(writing, settings));
        allowTable(ingest);
        allowLedger(ingest, Permissions.LedgerRole.WRITER, ledger);
        allowAlerts(ingest, alertKey);
        ingest.alias().addEventSource(new SqsEventSource(ingestQueue, SqsEventSourceProps.builder()
                .batchSize(INGEST_BATCH_SIZE)
                .maxBatchingWindow(INGEST_BATCHING_WINDOW)
                .reportBatchItemFailures(true)
                .build()));

        settings.trailBucketName().ifPresent(bucket ->
                trailIngest(bucket, settings, code, alerting(writing, settings), alertKey, deliveryDeadLetters, ledger));

        // Sweeps: a schedule starts the fan-out, which queues one message per account and region
        var fanOutEnvironment = new LinkedHashMap<>(common);
        fanOutEnvironment.put(LambdaContract.SWEEP_QUEUE_URL, sweepQueue.getQueueUrl());
        fanOutEnvironment.putAll(memberAccess(settings));
        fanOutEnvironment.put(LambdaContract.ACCOUNTS, settings.accountsList());
        fanOutEnvironment.put(LambdaContract.REGIONS, settings.regionsList());
        var fanOut = new KeyLedgerFunction(this, "SweepFanOutFunction", LambdaContract.SWEEP_FAN_OUT,
                "KeyLedger: plan a sweep, one message per account and region", FAN_OUT_TIMEOUT, code,
                FAN_OUT_ROLE_NAME, fanOutEnvironment);
        fanOut.allow(Permissions.statement("StartSweeps", List.of("sqs:SendMessage"), List.of(sweepQueue.getQueueArn())));
        // What the scope discovery declares: the organisation's accounts only when none are given
        Permissions.sweepStatements(Permissions.SweepRole.FAN_OUT, settings.accounts().isEmpty(),
                settings.memberRoleName(), settings.organizationId()).forEach(fanOut::allow);
        retryIntoQueue(fanOut, deliveryDeadLetters);
        Schedule.Builder.create(this, "SweepSchedule")
                .description("Starts a KeyLedger sweep of every account and region")
                .enabled(!settings.paused())
                .schedule(ScheduleExpression.expression(settings.sweepSchedule()))
                .target(LambdaInvoke.Builder.create(fanOut.alias())
                        .deadLetterQueue(deliveryDeadLetters)
                        .retryAttempts(3)
                        .maxEventAge(Duration.hours(1))
                        .build())
                .build();

        var workerEnvironment = alerting(writing, settings);
        workerEnvironment.putAll(memberAccess(settings));
        // A scope cut short (throttled, timed out) queues its own follow-up
        workerEnvironment.put(LambdaContract.SWEEP_QUEUE_URL, sweepQueue.getQueueUrl());
        var worker = new KeyLedgerFunction(this, "SweepWorkerFunction", LambdaContract.SWEEP_WORKER,
                "KeyLedger: sweep one account and region", WORKER_TIMEOUT, code, WORKER_ROLE_NAME, workerEnvironment);
        allowTable(worker);
        allowLedger(worker, Permissions.LedgerRole.WRITER, ledger);
        allowAlerts(worker, alertKey);
        worker.allow(Permissions.statement("FollowUpSweeps", List.of("sqs:SendMessage"), List.of(sweepQueue.getQueueArn())));
        // What the key source declares (the own account's keys), and the member role sessions
        Permissions.sweepStatements(Permissions.SweepRole.WORKER, false, settings.memberRoleName(),
                settings.organizationId()).forEach(worker::allow);
        worker.alias().addEventSource(new SqsEventSource(sweepQueue, SqsEventSourceProps.builder()
                .batchSize(1)
                .reportBatchItemFailures(true)
                .maxConcurrency(WORKER_CONCURRENCY)
                .build()));

        // Admin API behind IAM: callers sign their requests (SigV4)
        // Changes made through the API raise alerts too (a declared compromise above all)
        var adminEnvironment = alerting(writing, settings);
        adminEnvironment.put(LambdaContract.ADMIN_PRINCIPALS, settings.adminPrincipalsJson());
        adminEnvironment.put(LambdaContract.SWEEP_QUEUE_URL, sweepQueue.getQueueUrl());
        // A sweep started through the API covers the tenant's accounts in these regions; the admin
        // function never assumes the member role (only the sweep roles may), so without a region list
        // POST /sweeps refuses and the scheduled sweep covers every enabled region.
        adminEnvironment.put(LambdaContract.REGIONS, settings.regionsList());
        var admin = new KeyLedgerFunction(this, "AdminApiFunction", LambdaContract.ADMIN_API,
                "KeyLedger: admin API", ADMIN_TIMEOUT, code, null, adminEnvironment);
        allowTable(admin);
        allowLedger(admin, Permissions.LedgerRole.WRITER, ledger);
        allowAlerts(admin, alertKey);
        admin.allow(Permissions.statement("StartSweeps", List.of("sqs:SendMessage"), List.of(sweepQueue.getQueueArn())));
        FunctionUrl adminUrl = admin.alias().addFunctionUrl(FunctionUrlOptions.builder()
                .authType(FunctionUrlAuthType.AWS_IAM)
                .build());

        // The only functions that sign: the checkpoint signer and the daily maintenance. They write the
        // table too (checkpoints, the archive index, purges), but only what they have signed.
        var signing = new LinkedHashMap<>(common);
        signing.put(LambdaContract.LEDGER_KEY_ARN, ledgerKey.key().getAttrArn());
        signing.put(LambdaContract.LEDGER_BUCKET, ledgerBucket.getBucketName());
        var signer = new KeyLedgerFunction(this, "SignCheckpointsFunction", LambdaContract.SIGN_CHECKPOINTS,
                "KeyLedger: sign each tenant's ledger head and anchor it in the ledger bucket", SIGN_TIMEOUT, code,
                null, signing);
        allowTable(signer);
        allowLedger(signer, Permissions.LedgerRole.SIGNER, ledger);
        signer.alias().addEventSource(new SqsEventSource(checkpointQueue, SqsEventSourceProps.builder()
                .batchSize(CHECKPOINT_BATCH_SIZE)
                .maxBatchingWindow(CHECKPOINT_BATCHING_WINDOW)
                .reportBatchItemFailures(true)
                .maxConcurrency(SIGNER_CONCURRENCY)
                .build()));

        var maintainer = new KeyLedgerFunction(this, "MaintainLedgerFunction", LambdaContract.MAINTAIN_LEDGER,
                "KeyLedger: archive and purge every tenant's ledger, signed", MAINTAIN_TIMEOUT, code, null, signing);
        allowTable(maintainer);
        allowLedger(maintainer, Permissions.LedgerRole.MAINTAINER, ledger);
        retryIntoQueue(maintainer, deliveryDeadLetters);
        Schedule.Builder.create(this, "LedgerMaintenanceSchedule")
                .description("Archives and purges KeyLedger's ledger once a day")
                .enabled(!settings.paused())
                .schedule(ScheduleExpression.expression(MAINTENANCE_SCHEDULE))
                .target(LambdaInvoke.Builder.create(maintainer.alias())
                        .deadLetterQueue(deliveryDeadLetters)
                        .retryAttempts(3)
                        .maxEventAge(Duration.hours(1))
                        .build())
                .build();

        kmsEventRules(ingestQueue, deliveryDeadLetters, !settings.paused());

        output("TableName", table.getTableName(), "the inventory table");
        output("AdminApiUrl", adminUrl.getUrl(), "the admin API (IAM-signed requests)");
        output("AdminApiFunctionArn", admin.alias().getFunctionArn(),
                "callers need lambda:InvokeFunctionUrl and lambda:InvokeFunction on this ARN");
        output("AlertTopicArn", alertTopic.getTopicArn(), "subscribe to receive KeyLedger alerts");
        output("IngestQueueUrl", ingestQueue.getQueueUrl(), "KMS events in transit");
        output("SweepQueueUrl", sweepQueue.getQueueUrl(), "sweeps in progress");
        output("SweepRoleArns", fanOut.role().getRoleArn() + "," + worker.role().getRoleArn(),
                "the roles the member accounts' " + settings.memberRoleName() + " trusts");
        output("LedgerKeyArn", ledgerKey.key().getAttrArn(),
                "the ledger's signing key: aws kms get-public-key gives the key that verifies it");
        output("LedgerBucketName", ledgerBucket.getBucketName(),
                "checkpoints/ and archive/ of the ledger, under Object Lock (compliance mode)");
        output("CheckpointQueueUrl", checkpointQueue.getQueueUrl(), "checkpoint requests waiting to be signed");
    }

    public Table table() {
        return table;
    }

    public Topic alertTopic() {
        return alertTopic;
    }

    public Bucket ledgerBucket() {
        return ledgerBucket;
    }

    /**
     * The bucket the ledger's trust is anchored in: versioned, with Object Lock in compliance mode by default
     * for {@code lockDays} (an archived segment is locked until its records may go, when that is known, and
     * its version removed the day after the purge deletes it),
     * private, TLS only, kept when the stack is deleted. Its policy refuses, to every principal, a write to the
     * ledger's prefixes that could replace an object (one without {@code If-None-Match}) and any deletion of a
     * checkpoint (a delete marker would hide the newest one).
     */
    private Bucket ledgerBucket(int lockDays) {
        Bucket bucket = Bucket.Builder.create(this, "LedgerBucket")
                .versioned(true)
                .objectLockEnabled(true)
                .objectLockDefaultRetention(ObjectLockRetention.compliance(Duration.days(lockDays)))
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .enforceSsl(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("ArchivedSegments")
                        .prefix(AwsLedgerOperation.ARCHIVE_PREFIX)
                        .transitions(List.of(Transition.builder()
                                .storageClass(StorageClass.GLACIER_INSTANT_RETRIEVAL)
                                .transitionAfter(ARCHIVE_TO_GLACIER_IR)
                                .build()))
                        // A purged segment's version (its lock ended with its retention) goes the next day
                        .noncurrentVersionExpiration(Duration.days(1))
                        .expiredObjectDeleteMarker(true)
                        .build()))
                .build();
        List<String> ledgerObjects = List.of(
                bucket.arnForObjects(AwsLedgerOperation.CHECKPOINTS_PREFIX + "*"),
                bucket.arnForObjects(AwsLedgerOperation.ARCHIVE_PREFIX + "*"));
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("WriteOnlyNewLedgerObjects")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("s3:PutObject"))
                .resources(ledgerObjects)
                .conditions(Map.of("Null", Map.of("s3:if-none-match", "true")))
                .build());
        bucket.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("NeverDeleteCheckpoints")
                .effect(Effect.DENY)
                .principals(List.of(new AnyPrincipal()))
                .actions(List.of("s3:DeleteObject", "s3:DeleteObjectVersion"))
                .resources(List.of(bucket.arnForObjects(AwsLedgerOperation.CHECKPOINTS_PREFIX + "*")))
                .build());
        return bucket;
    }

    private static Code lambdaCode(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("context " + DeploymentSettings.LAMBDA_JAR + ": " + jar
                    + " does not exist; build it first (mvn -pl adapters-aws -am package)");
        }
        return Code.fromAsset(jar.toString());
    }

    private Table inventoryTable() {
        Table inventory = Table.Builder.create(this, "Table")
                .partitionKey(stringKey(PARTITION_KEY))
                .sortKey(stringKey(SORT_KEY))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .timeToLiveAttribute(TTL_ATTRIBUTE)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true)
                        .build())
                .deletionProtection(true)
                // The table holds key metadata, never key material: the AWS managed key (aws/dynamodb)
                // costs nothing a month and its use shows in CloudTrail.
                .encryption(TableEncryption.AWS_MANAGED)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        INDEXES.forEach((name, keys) -> inventory.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder()
                .indexName(name)
                .partitionKey(stringKey(keys.get(0)))
                .sortKey(stringKey(keys.get(1)))
                .projectionType(ProjectionType.ALL)
                .build()));
        return inventory;
    }

    private void trailIngest(String bucketName, DeploymentSettings settings, Code code, Map<String, String> environment,
            AlertKey alertKey, Queue deliveryDeadLetters, Permissions.LedgerResources ledger) {
        IBucket trail = Bucket.fromBucketName(this, "TrailBucket", bucketName);
        var s3Ingest = new KeyLedgerFunction(this, "IngestS3LogsFunction", LambdaContract.INGEST_S3_LOGS,
                "KeyLedger: ingest CloudTrail log files from S3", S3_INGEST_TIMEOUT, code, null, environment);
        allowTable(s3Ingest);
        allowLedger(s3Ingest, Permissions.LedgerRole.WRITER, ledger);
        allowAlerts(s3Ingest, alertKey);
        s3Ingest.allow(Permissions.statement("ReadTrailLogs", List.of("s3:GetObject"),
                List.of(trail.arnForObjects(settings.trailLogsPrefix() + "*"))));
        settings.trailKeyArn().ifPresent(key -> s3Ingest.allow(PolicyStatement.Builder.create()
                .sid("DecryptTrailLogs")
                .actions(List.of("kms:Decrypt"))
                .resources(List.of(key))
                .conditions(Map.of("StringEquals", Map.of("kms:ViaService", "s3." + Aws.REGION + "." + Aws.URL_SUFFIX)))
                .build()));
        trail.addEventNotification(EventType.OBJECT_CREATED, new LambdaDestination(s3Ingest.alias()),
                NotificationKeyFilter.builder().prefix(settings.trailLogsPrefix()).suffix(".json.gz").build());
        retryIntoQueue(s3Ingest, deliveryDeadLetters);
    }

    private void kmsEventRules(Queue ingestQueue, Queue deliveryDeadLetters, boolean enabled) {
        // EventBridge retries a target for 24 hours, then drops the event unless it has a dead-letter queue
        var target = new SqsQueue(ingestQueue, SqsQueueProps.builder()
                .deadLetterQueue(deliveryDeadLetters)
                .retryAttempts(185)
                .maxEventAge(Duration.hours(24))
                .build());
        Rule.Builder.create(this, "KmsApiCallsRule")
                .description("KMS API calls and KMS service events recorded by CloudTrail, to KeyLedger")
                .enabled(enabled)
                .eventPattern(EventPattern.builder()
                        .source(List.of(KMS_SOURCE))
                        .detailType(CLOUDTRAIL_DETAIL_TYPES)
                        .build())
                .targets(List.of(target))
                .build();
        Rule.Builder.create(this, "KmsKeyEventsRule")
                .description("KMS's own events (rotation, deletion, imported material expiry), to KeyLedger")
                .enabled(enabled)
                .eventPattern(EventPattern.builder()
                        .source(List.of(KMS_SOURCE))
                        .detailType(KMS_DETAIL_TYPES)
                        .build())
                .targets(List.of(target))
                .build();
    }

    private Queue deadLetterQueue(String id) {
        return Queue.Builder.create(this, id)
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(Duration.days(14))
                .build();
    }

    private void deadLetterAlarm(String id, Queue queue, String what) {
        Alarm alarm = Alarm.Builder.create(this, id + "Alarm")
                .alarmName(AlertKey.alarmName(id))
                .alarmDescription("KeyLedger: " + what + " are waiting in " + id + "; inspect and redrive them")
                .metric(queue.metricApproximateNumberOfMessagesVisible(MetricOptions.builder()
                        .period(Duration.minutes(5))
                        .statistic("Maximum")
                        .build()))
                .threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(alertTopic));
    }

    /** Asynchronous invocations (S3, the schedule) that still fail after Lambda's retries. */
    private static void retryIntoQueue(KeyLedgerFunction function, Queue deadLetters) {
        function.alias().configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .onFailure(new SqsDestination(deadLetters))
                .retryAttempts(2)
                .maxEventAge(Duration.hours(6))
                .build());
    }

    private void allowTable(KeyLedgerFunction function) {
        Permissions.tableReadWrite(table).forEach(function::allow);
    }

    private static void allowLedger(KeyLedgerFunction function, Permissions.LedgerRole role,
            Permissions.LedgerResources ledger) {
        Permissions.ledgerStatements(role, ledger).forEach(function::allow);
    }

    private void allowAlerts(KeyLedgerFunction function, AlertKey alertKey) {
        Permissions.publishAlerts(alertTopic.getTopicArn(), alertKey.key().getAttrArn()).forEach(function::allow);
    }

    private LinkedHashMap<String, String> alerting(Map<String, String> common, DeploymentSettings settings) {
        var environment = new LinkedHashMap<>(common);
        environment.put(LambdaContract.ALERT_TOPIC_ARN, alertTopic.getTopicArn());
        settings.policy().ifPresent(policy -> environment.put(LambdaContract.POLICY, policy));
        return environment;
    }

    private static Map<String, String> memberAccess(DeploymentSettings settings) {
        var environment = new LinkedHashMap<String, String>();
        environment.put(LambdaContract.MEMBER_ROLE_NAME, settings.memberRoleName());
        settings.externalId().ifPresent(id -> environment.put(LambdaContract.EXTERNAL_ID, id));
        return environment;
    }

    private static Duration visibilityTimeout(Duration functionTimeout, Duration batchingWindow) {
        // Lambda's advice for SQS event sources: six times the function timeout, plus the batching window
        return Duration.seconds(6 * functionTimeout.toSeconds().intValue() + batchingWindow.toSeconds().intValue());
    }

    private static Attribute stringKey(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    private static Map<String, List<String>> indexes() {
        var indexes = new LinkedHashMap<String, List<String>>();
        indexes.put("byState", List.of("gsi1pk", "gsi1sk"));
        indexes.put("byProvider", List.of("gsi2pk", "gsi2sk"));
        indexes.put("byOwner", List.of("gsi3pk", "gsi3sk"));
        return Collections.unmodifiableMap(indexes);
    }
}
