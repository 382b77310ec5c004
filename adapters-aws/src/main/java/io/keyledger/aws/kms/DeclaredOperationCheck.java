package io.keyledger.aws.kms;

import java.util.Objects;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Refuses, before it is signed or sent, any request of a sweep's SDK client whose operation has no row in
 * {@link AwsSweepOperation}: the deployments grant only the declared operations, so an undeclared one would be
 * denied in production and pass every test. Each sweep client carries one ({@link KmsClients}, and the STS client
 * of {@code io.keyledger.aws.sweep.AwsSweepScopes}).
 */
public final class DeclaredOperationCheck implements ExecutionInterceptor {

    private final String service;

    /** @param service the IAM prefix of the client's service ({@code kms}, {@code sts}) */
    public DeclaredOperationCheck(String service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (operation == null || AwsSweepOperation.find(service, operation).isEmpty()) {
            throw new UndeclaredOperationException(service, String.valueOf(operation));
        }
    }
}
