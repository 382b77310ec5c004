package io.keyledger.aws.ledger;

import java.util.Objects;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Refuses, before it is signed or sent, any request of a ledger SDK client whose operation has no row in
 * {@link AwsLedgerOperation}: the deployment grants only the declared ones.
 */
public final class LedgerOperationCheck implements ExecutionInterceptor {

    private final String service;

    /** @param service the IAM prefix of the client's service ({@code kms}, {@code s3}, {@code sqs}) */
    public LedgerOperationCheck(String service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (operation == null || AwsLedgerOperation.find(service, operation).isEmpty()) {
            throw new IllegalStateException("the ledger sends " + service + " " + operation
                    + ", which AwsLedgerOperation does not declare: the deployment would deny it");
        }
    }
}
