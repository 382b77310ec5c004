package io.keyledger.bench.coldstart;

import java.io.IOException;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * The Lambda entry point as Lambda runs it: {@code FunctionInvoker} starts the context that
 * {@code MAIN_CLASS} names and calls the function {@code SPRING_CLOUD_FUNCTION_DEFINITION} names, on one
 * EventBridge event. The resources are the production ones (real S3 and SNS clients, built without a
 * network) except the store, which is in memory (see {@link LambdaChild}).
 */
public final class LambdaColdStart {

    private LambdaColdStart() {
    }

    public static void main(String[] args) throws IOException {
        LambdaChild.useInMemoryStore();
        FunctionInvoker invoker = new FunctionInvoker();
        LambdaChild.ingestOneEvent(invoker);
    }
}
