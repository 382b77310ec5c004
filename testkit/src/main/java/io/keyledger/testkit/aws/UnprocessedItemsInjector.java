package io.keyledger.testkit.aws;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Plays DynamoDB under throttling for BatchWriteItem: for the next calls planned, it sends only the
 * first half of the requests and hands the rest back as UnprocessedItems, as DynamoDB does.
 */
public final class UnprocessedItemsInjector implements ExecutionInterceptor {

    private static final ExecutionAttribute<Map<String, List<WriteRequest>>> HELD_BACK =
            new ExecutionAttribute<>("keyledger.test.heldBack");

    private final AtomicInteger callsToThrottle = new AtomicInteger();
    private final AtomicInteger heldBackCalls = new AtomicInteger();

    public void throttleNextCalls(int calls) {
        callsToThrottle.set(calls);
    }

    /** How many calls had items held back. */
    public int throttledCalls() {
        return heldBackCalls.get();
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof BatchWriteItemRequest request)) {
            return context.request();
        }
        Map.Entry<String, List<WriteRequest>> only = request.requestItems().entrySet().iterator().next();
        List<WriteRequest> writes = only.getValue();
        if (writes.size() < 2 || callsToThrottle.getAndUpdate(n -> Math.max(0, n - 1)) == 0) {
            return request;
        }
        int keep = writes.size() / 2;
        attributes.putAttribute(HELD_BACK, Map.of(only.getKey(), new ArrayList<>(writes.subList(keep, writes.size()))));
        heldBackCalls.incrementAndGet();
        return request.toBuilder().requestItems(Map.of(only.getKey(), writes.subList(0, keep))).build();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Map<String, List<WriteRequest>> heldBack = attributes.getAttribute(HELD_BACK);
        if (heldBack == null || !(context.response() instanceof BatchWriteItemResponse response)) {
            return context.response();
        }
        Map<String, List<WriteRequest>> unprocessed = new HashMap<>(response.unprocessedItems());
        heldBack.forEach((table, writes) -> unprocessed.merge(table, writes, (a, b) -> {
            List<WriteRequest> all = new ArrayList<>(a);
            all.addAll(b);
            return all;
        }));
        return response.toBuilder().unprocessedItems(unprocessed).build();
    }
}
