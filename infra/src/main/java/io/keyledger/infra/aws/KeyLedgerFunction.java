package io.keyledger.infra.aws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * One KeyLedger Lambda function: the shared jar and handler, the bean it runs, its own role
 * (which starts with nothing but writing its own logs), its log group, and the alias
 * {@value #ALIAS} on the latest published version, the one SnapStart prepares and every trigger
 * calls.
 */
final class KeyLedgerFunction extends Construct {

    static final String ALIAS = "live";
    static final int MEMORY_MB = 1536;

    private final Role role;
    private final Function function;
    private final Alias alias;

    /**
     * @param bean        the Spring Cloud Function bean
     * @param roleName    a fixed role name (the member accounts trust the sweep roles by name), or null
     * @param environment the function's KeyLedger variables
     */
    KeyLedgerFunction(Construct scope, String id, String bean, String description, Duration timeout, Code code,
            String roleName, Map<String, String> environment) {
        super(scope, id);
        this.role = Role.Builder.create(this, "Role")
                .roleName(roleName)
                .description("KeyLedger " + bean + " function")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .build();
        // Not the AWSLambdaBasicExecutionRole managed policy: it writes to every log group
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(RetentionDays.THREE_MONTHS)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        role.addToPrincipalPolicy(PolicyStatement.Builder.create()
                .actions(List.of("logs:CreateLogStream", "logs:PutLogEvents"))
                .resources(List.of(logs.getLogGroupArn()))
                .build());

        var variables = new LinkedHashMap<String, String>();
        variables.put(LambdaContract.SPRING_CLOUD_FUNCTION_DEFINITION, bean);
        variables.put(LambdaContract.MAIN_CLASS, LambdaContract.MAIN_CLASS_NAME);
        variables.put(LambdaContract.JAVA_TOOL_OPTIONS, LambdaContract.JAVA_TOOL_OPTIONS_VALUE);
        variables.putAll(environment);

        this.function = Function.Builder.create(this, "Function")
                .description(description)
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .memorySize(MEMORY_MB)
                .timeout(timeout)
                .handler(LambdaContract.handler(bean))
                .code(code)
                .environment(variables)
                .role(role)
                .logGroup(logs)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .build();
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "the alias '" + ALIAS + "' publishes a version on every change");
        this.alias = Alias.Builder.create(this, "Live")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
    }

    Role role() {
        return role;
    }

    Function function() {
        return function;
    }

    Alias alias() {
        return alias;
    }

    void allow(PolicyStatement statement) {
        role.addToPrincipalPolicy(statement);
    }
}
