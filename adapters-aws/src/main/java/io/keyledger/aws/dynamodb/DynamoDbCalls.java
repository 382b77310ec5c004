package io.keyledger.aws.dynamodb;

import io.keyledger.core.sweep.Backoff;
import io.keyledger.core.sweep.Sleeper;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The store's DynamoDB calls, each naming what it is for: errors the SDK did not retry away become a
 * {@link DynamoDbStoreException} that says so, a failed condition becomes {@code false}, and batch
 * calls retry what DynamoDB left unprocessed, with exponential backoff and full jitter.
 */
final class DynamoDbCalls {

    /** DynamoDB's limits per BatchWriteItem and BatchGetItem request. */
    static final int BATCH_WRITE_LIMIT = 25;
    static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient client;
    private final String table;
    private final Sleeper sleeper;
    private final Backoff backoff;
    private final RandomGenerator random;
    private final int maxBatchAttempts;

    DynamoDbCalls(DynamoDbClient client, String table, Sleeper sleeper, Backoff backoff, RandomGenerator random,
                  int maxBatchAttempts) {
        this.client = client;
        this.table = table;
        this.sleeper = sleeper;
        this.backoff = backoff;
        this.random = random;
        this.maxBatchAttempts = maxBatchAttempts;
    }

    String table() {
        return table;
    }

    /** Runs one SDK call; what the SDK gives up on becomes an exception naming operation, purpose and table. */
    static <T> T translate(String operation, String what, String table, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "unknown error" : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new DynamoDbStoreException("DynamoDB " + operation + " failed while trying to " + what + " (table '"
                    + table + "'): " + code + ": " + message + " [HTTP " + e.statusCode() + attempts(e) + "]", e);
        } catch (SdkException e) {
            throw new DynamoDbStoreException("DynamoDB " + operation + " failed while trying to " + what + " (table '"
                    + table + "'): " + e.getMessage() + " [" + attempts(e).substring(2) + "]", e);
        }
    }

    private static String attempts(SdkException e) {
        Integer n = e.numAttempts();
        return n == null ? ", attempts unknown" : ", " + n + (n == 1 ? " attempt" : " attempts");
    }

    private <T> T call(String operation, String what, Supplier<T> call) {
        return translate(operation, what, table, call);
    }

    /** A strongly consistent read of one item. */
    Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key, String what) {
        GetItemResponse r = call("GetItem", what, () -> client.getItem(b -> b.tableName(table).key(key)
                .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
        return r.hasItem() && !r.item().isEmpty() ? Optional.of(r.item()) : Optional.empty();
    }

    void put(Map<String, AttributeValue> item, String what) {
        ItemSize.check(item, what);
        call("PutItem", what, () -> client.putItem(b -> b.tableName(table).item(item)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
    }

    /** A conditional put: false when the condition did not hold (nothing was written). */
    boolean putIf(PutItemRequest request, String what) {
        ItemSize.check(request.item(), what);
        PutItemRequest r = request.toBuilder().tableName(table).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        return call("PutItem", what, () -> {
            try {
                client.putItem(r);
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        });
    }

    /** A conditional update: false when the condition did not hold (nothing was written). */
    boolean updateIf(UpdateItemRequest request, String what) {
        UpdateItemRequest r = request.toBuilder().tableName(table).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        return call("UpdateItem", what, () -> {
            try {
                client.updateItem(r);
                return true;
            } catch (ConditionalCheckFailedException e) {
                return false;
            }
        });
    }

    /** Deletes an item (if its condition holds) and returns it as it was; empty if absent or the condition failed. */
    Optional<Map<String, AttributeValue>> delete(DeleteItemRequest request, String what) {
        DeleteItemRequest r = request.toBuilder().tableName(table).returnValues(ReturnValue.ALL_OLD)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
        return call("DeleteItem", what, () -> {
            try {
                var response = client.deleteItem(r);
                return response.hasAttributes() && !response.attributes().isEmpty()
                        ? Optional.of(response.attributes()) : Optional.empty();
            } catch (ConditionalCheckFailedException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The items of a query, fetched page by page as they are consumed. The first page asks for
     * {@code firstLimit} items and each further page for twice as many (up to 1000), so that a caller
     * who needs a few matches reads little and one who filters much reads on in larger pages.
     */
    Iterator<Map<String, AttributeValue>> query(QueryRequest request, int firstLimit, String what) {
        return new QueryIterator(request.toBuilder().tableName(table)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build(), firstLimit, what);
    }

    /** Every item of a query. */
    List<Map<String, AttributeValue>> queryAll(QueryRequest request, String what) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        query(request, 1000, what).forEachRemaining(out::add);
        return out;
    }

    private final class QueryIterator implements Iterator<Map<String, AttributeValue>> {
        private static final int MAX_PAGE = 1000;
        private final QueryRequest base;
        private final String what;
        private int limit;
        private Iterator<Map<String, AttributeValue>> page = Collections.emptyIterator();
        private Map<String, AttributeValue> startKey;
        private boolean exhausted;

        QueryIterator(QueryRequest base, int firstLimit, String what) {
            this.base = base;
            this.what = what;
            this.limit = Math.max(1, Math.min(MAX_PAGE, firstLimit));
        }

        @Override
        public boolean hasNext() {
            while (!page.hasNext() && !exhausted) {
                QueryRequest.Builder b = base.toBuilder().limit(limit);
                if (startKey != null) {
                    b.exclusiveStartKey(startKey);
                }
                QueryRequest request = b.build();
                QueryResponse r = call("Query", what, () -> client.query(request));
                page = r.items().iterator();
                if (r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()) {
                    startKey = r.lastEvaluatedKey();
                } else {
                    exhausted = true;
                }
                limit = Math.min(MAX_PAGE, limit * 2);
            }
            return page.hasNext();
        }

        @Override
        public Map<String, AttributeValue> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.next();
        }
    }

    /**
     * Writes the requests in BatchWriteItem calls of at most 25, sending again what DynamoDB leaves
     * unprocessed (it does so under throttling) after a backoff, until everything is written.
     */
    void batchWrite(List<WriteRequest> requests, String what) {
        for (int from = 0; from < requests.size(); from += BATCH_WRITE_LIMIT) {
            List<WriteRequest> pending = requests.subList(from, Math.min(requests.size(), from + BATCH_WRITE_LIMIT));
            pending.stream().filter(w -> w.putRequest() != null).forEach(w -> ItemSize.check(w.putRequest().item(), what));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > 1) {
                    pauseBeforeRetry(attempt - 2, "BatchWriteItem", what, pending.size());
                }
                List<WriteRequest> send = pending;
                BatchWriteItemResponse r = call("BatchWriteItem", what, () -> client.batchWriteItem(b -> b
                        .requestItems(Map.of(table, send)).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
                pending = r.hasUnprocessedItems() ? r.unprocessedItems().getOrDefault(table, List.of()) : List.of();
            }
        }
    }

    /** Strongly consistent reads of many items (absent ones are left out), in BatchGetItem calls of at most 100. */
    List<Map<String, AttributeValue>> batchGet(List<Map<String, AttributeValue>> keys, String what) {
        List<Map<String, AttributeValue>> out = new ArrayList<>();
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> pending = keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT));
            for (int attempt = 1; !pending.isEmpty(); attempt++) {
                if (attempt > 1) {
                    pauseBeforeRetry(attempt - 2, "BatchGetItem", what, pending.size());
                }
                KeysAndAttributes ask = KeysAndAttributes.builder().keys(pending).consistentRead(true).build();
                BatchGetItemResponse r = call("BatchGetItem", what, () -> client.batchGetItem(b -> b
                        .requestItems(Map.of(table, ask)).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)));
                out.addAll(r.responses().getOrDefault(table, List.of()));
                KeysAndAttributes left = r.hasUnprocessedKeys() ? r.unprocessedKeys().get(table) : null;
                pending = left == null ? List.of() : left.keys();
            }
        }
        return out;
    }

    private void pauseBeforeRetry(int retry, String operation, String what, int left) {
        if (retry + 1 >= maxBatchAttempts) {
            throw new DynamoDbStoreException("DynamoDB " + operation + " left " + left + " items unprocessed after "
                    + maxBatchAttempts + " attempts while trying to " + what + " (table '" + table + "')");
        }
        try {
            sleeper.pause(backoff.delay(retry, random));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DynamoDbStoreException("interrupted while waiting to retry " + operation + " to " + what, e);
        }
    }
}
