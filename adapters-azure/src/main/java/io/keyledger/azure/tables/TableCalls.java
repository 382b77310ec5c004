package io.keyledger.azure.tables;

import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.rest.Response;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The store's calls on one table, each naming what it is for: a failed condition (409 on a create, 412
 * on a conditional update or delete, 404 on a read) is an answer, anything else the SDK did not retry
 * away becomes a {@link TablesStoreException} that says what was being done.
 */
final class TableCalls {

    /** The service's limits per entity group transaction. */
    static final int TRANSACTION_ACTIONS = 100;
    static final long TRANSACTION_BYTES = 4L * 1024 * 1024 - 64 * 1024;

    private final TableClient client;

    TableCalls(TableClient client) {
        this.client = client;
    }

    String table() {
        return client.getTableName();
    }

    /** Runs one SDK call; what the SDK gives up on becomes an exception naming operation, purpose and table. */
    static <T> T translate(String operation, String what, String table, Supplier<T> call) {
        try {
            return call.get();
        } catch (TableServiceException e) {
            String code = e.getValue() == null || e.getValue().getErrorCode() == null ? "unknown error"
                    : e.getValue().getErrorCode().toString();
            String message = e.getValue() == null || e.getValue().getErrorMessage() == null ? e.getMessage()
                    : e.getValue().getErrorMessage().lines().findFirst().orElse("");
            throw new TablesStoreException("Azure Tables " + operation + " failed while trying to " + what + " (table '"
                    + table + "'): " + code + ": " + message + " [HTTP " + status(e) + "]", e);
        } catch (HttpResponseException e) {
            throw new TablesStoreException("Azure Tables " + operation + " failed while trying to " + what + " (table '"
                    + table + "'): HTTP " + status(e) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalArgumentException || e instanceof IllegalStateException
                    || e instanceof TablesStoreException) {
                throw e;
            }
            throw new TablesStoreException("Azure Tables " + operation + " failed while trying to " + what + " (table '"
                    + table + "'): " + e, e);
        }
    }

    /** The error codes of a failed condition inside a transaction, whose own status is the batch's. */
    private static final java.util.Set<String> CONDITION_FAILED = java.util.Set.of("EntityAlreadyExists",
            "UpdateConditionNotSatisfied", "ResourceNotFound", "EntityNotFound", "ConditionNotMet");

    private static String code(TableServiceException e) {
        return e.getValue() == null || e.getValue().getErrorCode() == null ? "" : e.getValue().getErrorCode().toString();
    }

    static int status(HttpResponseException e) {
        return e.getResponse() == null ? 0 : e.getResponse().getStatusCode();
    }

    private <T> T call(String operation, String what, Supplier<T> call) {
        return translate(operation, what, table(), call);
    }

    /** One entity, or empty if there is none. */
    Optional<TableEntity> get(String partition, String row, String what) {
        return call("Query Entities (get)", what, () -> {
            try {
                return Optional.of(client.getEntity(partition, row));
            } catch (TableServiceException e) {
                if (status(e) == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Creates the entity; empty (nothing written) if it exists, else its new ETag. */
    Optional<String> insert(TableEntity entity, String what) {
        Entities.checkSize(entity, what);
        return call("Insert Entity", what, () -> {
            try {
                return Optional.of(etag(client.createEntityWithResponse(entity, null, null)));
            } catch (TableServiceException e) {
                if (status(e) == 409) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Writes the entity whatever is there (insert or replace), and returns its new ETag. */
    String upsert(TableEntity entity, String what) {
        Entities.checkSize(entity, what);
        return call("Insert Or Replace Entity", what, () -> etag(
                client.upsertEntityWithResponse(withoutETag(entity), TableEntityUpdateMode.REPLACE, null, null)));
    }

    /**
     * Replaces the entity if its ETag is still {@code etag}; empty (nothing written) if it changed or is
     * gone, else its new ETag.
     */
    Optional<String> replaceIf(TableEntity entity, String etag, String what) {
        Entities.checkSize(entity, what);
        TableEntity conditional = withETag(entity, etag);
        return call("Update Entity", what, () -> {
            try {
                return Optional.of(etag(client.updateEntityWithResponse(conditional, TableEntityUpdateMode.REPLACE,
                        true, null, null)));
            } catch (TableServiceException e) {
                if (status(e) == 412 || status(e) == 404) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Deletes the entity (if its ETag is still {@code etag}, when given); false if gone or changed. */
    boolean delete(String partition, String row, Optional<String> etag, String what) {
        TableEntity key = etag.map(t -> withETag(new TableEntity(partition, row), t)).orElse(new TableEntity(partition, row));
        return call("Delete Entity", what, () -> {
            try {
                client.deleteEntityWithResponse(key, etag.isPresent(), null, null);
                return true;
            } catch (TableServiceException e) {
                if (status(e) == 404 || status(e) == 412) {
                    return false;
                }
                throw e;
            }
        });
    }

    /** The entities of a query, in partition and row key order, fetched page by page as they are consumed. */
    Iterator<TableEntity> query(String filter, int pageSize, String what) {
        ListEntitiesOptions options = new ListEntitiesOptions().setFilter(filter)
                .setTop(Math.max(1, Math.min(1000, pageSize)));
        Iterator<TableEntity> items = call("Query Entities", what, () -> client.listEntities(options, null, null).iterator());
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return call("Query Entities", what, items::hasNext);
            }

            @Override
            public TableEntity next() {
                return call("Query Entities", what, items::next);
            }
        };
    }

    List<TableEntity> queryAll(String filter, String what) {
        List<TableEntity> out = new ArrayList<>();
        query(filter, 1000, what).forEachRemaining(out::add);
        return out;
    }

    /**
     * What an entity group transaction did: applied (with each action's new ETag, empty for deletes), or
     * refused as a whole because the action at {@code failedIndex} failed its condition (409, 412, 404).
     */
    record Transaction(int failedIndex, List<String> etags) {
        boolean applied() {
            return failedIndex < 0;
        }
    }

    /** One entity group transaction (all actions on one partition, at most 100, under 4 MiB): all or nothing. */
    Transaction transact(List<TableTransactionAction> actions, String what) {
        for (TableTransactionAction a : actions) {
            if (a.getActionType() != TableTransactionActionType.DELETE) {
                Entities.checkSize(a.getEntity(), what);
            }
        }
        return call("Entity Group Transaction", what, () -> {
            try {
                List<String> etags = new ArrayList<>();
                client.submitTransaction(actions).getTransactionActionResponses().forEach(r -> {
                    etags.add(r.getHeaders() == null ? ""
                            : etag(r.getHeaders().getValue(com.azure.core.http.HttpHeaderName.ETAG)));
                });
                return new Transaction(-1, etags);
            } catch (TableTransactionFailedException e) {
                if (CONDITION_FAILED.contains(code(e))) {
                    Integer index = e.getFailedTransactionActionIndex();
                    return new Transaction(index == null ? 0 : index, List.of());
                }
                throw e;
            }
        });
    }

    /**
     * Applies unconditional actions in as few transactions as the limits allow, partition by partition
     * (a transaction holds one partition). Deletes of entities already gone are left out and retried.
     */
    void transactAll(List<TableTransactionAction> actions, String what) {
        Map<String, List<TableTransactionAction>> byPartition = new LinkedHashMap<>();
        actions.forEach(a -> byPartition.computeIfAbsent(a.getEntity().getPartitionKey(), p -> new ArrayList<>()).add(a));
        for (List<TableTransactionAction> partition : byPartition.values()) {
            List<TableTransactionAction> chunk = new ArrayList<>();
            long bytes = 0;
            for (TableTransactionAction a : partition) {
                long size = Entities.size(a.getEntity());
                if (!chunk.isEmpty() && (chunk.size() == TRANSACTION_ACTIONS || bytes + size > TRANSACTION_BYTES)) {
                    submitUnconditional(chunk, what);
                    chunk = new ArrayList<>();
                    bytes = 0;
                }
                chunk.add(a);
                bytes += size;
            }
            if (!chunk.isEmpty()) {
                submitUnconditional(chunk, what);
            }
        }
    }

    private void submitUnconditional(List<TableTransactionAction> chunk, String what) {
        List<TableTransactionAction> pending = new ArrayList<>(chunk);
        while (!pending.isEmpty()) {
            int failed = transact(pending, what).failedIndex();
            if (failed < 0) {
                return;
            }
            TableTransactionAction refused = pending.get(Math.min(failed, pending.size() - 1));
            if (refused.getActionType() != TableTransactionActionType.DELETE) {
                throw new TablesStoreException("Azure Tables refused " + refused.getActionType() + " of "
                        + Entities.describe(refused.getEntity()) + " while trying to " + what + " (table '" + table() + "')");
            }
            // A delete of an entity already gone (a purge that ran twice): drop it and send the rest again.
            pending.remove(refused);
        }
    }

    private static String etag(Response<?> response) {
        return etag(response.getHeaders().getValue(com.azure.core.http.HttpHeaderName.ETAG));
    }

    /** An ETag as If-Match wants it: Azurite 3.35 leaves the closing quote off the ones it returns on writes. */
    static String etag(String header) {
        if (header == null) {
            return "";
        }
        return header.startsWith("W/\"") && !header.endsWith("\"") ? header + "\"" : header;
    }

    /** A copy of the entity carrying {@code etag}, which a conditional update or delete sends as If-Match. */
    static TableEntity withETag(TableEntity entity, String etag) {
        TableEntity copy = withoutETag(entity);
        copy.getProperties().put("odata.etag", etag);
        return copy;
    }

    static TableEntity withoutETag(TableEntity entity) {
        TableEntity copy = new TableEntity(entity.getPartitionKey(), entity.getRowKey());
        entity.getProperties().forEach((k, v) -> {
            if (!k.startsWith("odata.") && !k.equals("PartitionKey") && !k.equals("RowKey") && !k.equals("Timestamp")) {
                copy.getProperties().put(k, v);
            }
        });
        return copy;
    }
}
