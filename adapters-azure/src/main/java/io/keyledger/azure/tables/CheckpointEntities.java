package io.keyledger.azure.tables;

import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.store.CheckpointStore;
import io.keyledger.core.store.Cursors;
import io.keyledger.core.store.Page;
import io.keyledger.core.store.PageRequest;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * A tenant's ledger checkpoints, in one partition: each twice, as row {@code C|<sequence>} for the checkpoints
 * in sequence order and as row {@code L|<inverted sequence>} so that the latest is the partition's first of
 * those rows (the service reads in ascending order only). Both are created in one transaction, which fails if
 * the sequence has a checkpoint already. They carry no expiry.
 */
final class CheckpointEntities implements CheckpointStore {

    private static final String SEQUENCE = "sequence";
    private static final String BODY = "body";

    private final TableCalls calls;
    private final TenantEntities tenants;

    CheckpointEntities(TableCalls calls, TenantEntities tenants) {
        this.calls = calls;
        this.tenants = tenants;
    }

    @Override
    public boolean putCheckpoint(Checkpoint checkpoint) {
        String tenant = tenants.writing(checkpoint.tenant());
        String partition = Keys.checkpoints(tenant);
        List<TableTransactionAction> creates = List.of(
                create(entity(partition, Keys.checkpoint(checkpoint.sequence()), checkpoint)),
                create(entity(partition, Keys.latestCheckpoint(checkpoint.sequence()), checkpoint)));
        return calls.transact(creates, "keep the checkpoint of record " + checkpoint.sequence() + " of tenant "
                + tenant).applied();
    }

    @Override
    public Optional<Checkpoint> latestCheckpoint(String tenant) {
        Iterator<TableEntity> rows = calls.query(rows(tenant, Keys.LATEST_CHECKPOINT_PREFIX), 1,
                "read the latest checkpoint of " + tenant);
        return rows.hasNext() ? Optional.of(decode(tenant, rows.next())) : Optional.empty();
    }

    @Override
    public Page<Checkpoint> checkpoints(String tenant, PageRequest page) {
        long after = page.cursor().map(Cursors::decodeSequence).orElse(0L);
        String filter = "PartitionKey eq " + Keys.literal(Keys.checkpoints(tenant)) + " and RowKey gt "
                + Keys.literal(Keys.checkpoint(after)) + " and RowKey lt "
                + Keys.literal(EventEntities.afterPrefix(Keys.CHECKPOINT_PREFIX));
        Iterator<TableEntity> rows = calls.query(filter, page.limit() + 1, "read the checkpoints of " + tenant);
        List<Checkpoint> out = new ArrayList<>();
        while (out.size() <= page.limit() && rows.hasNext()) {
            out.add(decode(tenant, rows.next()));
        }
        if (out.size() <= page.limit()) {
            return new Page<>(out, Optional.empty());
        }
        List<Checkpoint> shown = out.subList(0, page.limit());
        return new Page<>(shown, Optional.of(Cursors.encode(shown.get(shown.size() - 1).sequence())));
    }

    private static String rows(String tenant, String prefix) {
        return "PartitionKey eq " + Keys.literal(Keys.checkpoints(tenant)) + " and RowKey ge " + Keys.literal(prefix)
                + " and RowKey lt " + Keys.literal(EventEntities.afterPrefix(prefix));
    }

    private static TableEntity entity(String partition, String row, Checkpoint checkpoint) {
        TableEntity e = Entities.entity(partition, row, "CHECKPOINT");
        e.addProperty(SEQUENCE, checkpoint.sequence());
        Entities.putBody(e, BODY, Json.write(checkpoint));
        return e;
    }

    private static TableTransactionAction create(TableEntity e) {
        return new TableTransactionAction(TableTransactionActionType.CREATE, e);
    }

    /** The checkpoint an entity holds; its tenant and sequence must be those its keys say. */
    private static Checkpoint decode(String tenant, TableEntity e) {
        Checkpoint c = Json.read(Entities.body(e, BODY), Checkpoint.class);
        if (!c.tenant().equals(tenant) || c.sequence() != Entities.number(e, SEQUENCE)) {
            throw new IllegalStateException("stored entity " + Entities.describe(e) + " holds the checkpoint of record "
                    + c.sequence() + " of tenant " + c.tenant() + ", not what its keys say");
        }
        return c;
    }
}
