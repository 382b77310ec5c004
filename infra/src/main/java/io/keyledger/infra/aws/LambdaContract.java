package io.keyledger.infra.aws;

import java.util.List;

/**
 * What the deployment and the Lambda artifact agree on: the jar, the handler, the Spring Cloud
 * Function bean behind each function, and the environment variables the functions read.
 *
 * <p>The stacks use only these constants, so a test can hold the built artifact against them.
 */
public final class LambdaContract {

    /** The shaded jar built by {@code adapters-aws}, relative to the repository root. */
    public static final String LAMBDA_JAR = "adapters-aws/target/keyledger-aws-lambda.jar";

    /** Spring Cloud Function's generic AWS entry point: every function but the ingest ones. */
    public static final String HANDLER =
            "org.springframework.cloud.function.adapter.aws.FunctionInvoker::handleRequest";

    /**
     * The ingest functions' entry point: the same functions without starting Spring, for a cold start close to a
     * plain Java main's (bench/README.md). It reads SPRING_CLOUD_FUNCTION_DEFINITION as Spring Cloud Function does.
     */
    public static final String INGEST_HANDLER = "io.keyledger.aws.lambda.IngestHandler::handleRequest";

    /** The Spring configuration that {@code FunctionInvoker} starts. */
    public static final String MAIN_CLASS_NAME = "io.keyledger.aws.lambda.KeyLedgerLambdaConfiguration";

    /** C1 only: shorter start-up for short-lived functions. */
    public static final String JAVA_TOOL_OPTIONS_VALUE = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";

    // Bean names (the value of SPRING_CLOUD_FUNCTION_DEFINITION)
    public static final String INGEST_QUEUE = "ingestQueue";
    public static final String INGEST_S3_LOGS = "ingestS3Logs";
    public static final String SWEEP_FAN_OUT = "sweepFanOut";
    public static final String SWEEP_WORKER = "sweepWorker";
    public static final String ADMIN_API = "adminApi";
    public static final String SIGN_CHECKPOINTS = "signCheckpoints";
    public static final String MAINTAIN_LEDGER = "maintainLedger";

    public static final List<String> BEANS = List.of(INGEST_QUEUE, INGEST_S3_LOGS, SWEEP_FAN_OUT, SWEEP_WORKER,
            ADMIN_API, SIGN_CHECKPOINTS, MAINTAIN_LEDGER);

    /** The functions deployed on {@link #INGEST_HANDLER}. */
    public static final List<String> INGEST_BEANS = List.of(INGEST_QUEUE, INGEST_S3_LOGS);

    /** Every handler the deployment uses. */
    public static final List<String> HANDLERS = List.of(HANDLER, INGEST_HANDLER);

    /** The handler of the function {@code bean}. */
    public static String handler(String bean) {
        return INGEST_BEANS.contains(bean) ? INGEST_HANDLER : HANDLER;
    }

    // Environment read by Spring Cloud Function itself
    public static final String SPRING_CLOUD_FUNCTION_DEFINITION = "SPRING_CLOUD_FUNCTION_DEFINITION";
    public static final String MAIN_CLASS = "MAIN_CLASS";
    public static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

    // Environment read by KeyLedger
    public static final String TABLE_NAME = "KEYLEDGER_TABLE_NAME";
    public static final String SWEEP_QUEUE_URL = "KEYLEDGER_SWEEP_QUEUE_URL";
    public static final String ALERT_TOPIC_ARN = "KEYLEDGER_ALERT_TOPIC_ARN";
    public static final String MEMBER_ROLE_NAME = "KEYLEDGER_MEMBER_ROLE_NAME";
    /** Set only when an external id is configured. */
    public static final String EXTERNAL_ID = "KEYLEDGER_EXTERNAL_ID";
    /** Comma-separated account ids; empty means "every account AWS Organizations lists". */
    public static final String ACCOUNTS = "KEYLEDGER_ACCOUNTS";
    /** Comma-separated regions; empty means "every region enabled in the account". */
    public static final String REGIONS = "KEYLEDGER_REGIONS";
    /** JSON object: account id to tenant. */
    public static final String TENANTS = "KEYLEDGER_TENANTS";
    /** JSON object: IAM principal ARN pattern to {tenant: [roles]}. */
    public static final String ADMIN_PRINCIPALS = "KEYLEDGER_ADMIN_PRINCIPALS";
    /** Anomaly policy, YAML or JSON; set only when configured. */
    public static final String POLICY = "KEYLEDGER_POLICY";
    /** The admin API's secret for page cursors: a generated Secrets Manager secret, resolved at deployment. */
    public static final String CURSOR_KEY = "KEYLEDGER_CURSOR_KEY";
    /** The ledger's KMS signing key: the signing functions sign with it, the others read its public key. */
    public static final String LEDGER_KEY_ARN = "KEYLEDGER_LEDGER_KEY_ARN";
    /** The Object Lock bucket of checkpoints and archived segments. */
    public static final String LEDGER_BUCKET = "KEYLEDGER_LEDGER_BUCKET";
    /** Where the writers ask for checkpoints; set on the writers only. */
    public static final String CHECKPOINT_QUEUE_URL = "KEYLEDGER_CHECKPOINT_QUEUE_URL";

    public static final List<String> KEYLEDGER_VARIABLES = List.of(TABLE_NAME, SWEEP_QUEUE_URL,
            ALERT_TOPIC_ARN, MEMBER_ROLE_NAME, EXTERNAL_ID, ACCOUNTS, REGIONS, TENANTS, ADMIN_PRINCIPALS, POLICY,
            CURSOR_KEY, LEDGER_KEY_ARN, LEDGER_BUCKET, CHECKPOINT_QUEUE_URL);

    private LambdaContract() {
    }
}
