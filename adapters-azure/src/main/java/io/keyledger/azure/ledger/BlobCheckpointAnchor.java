package io.keyledger.azure.ledger;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import io.keyledger.core.json.Json;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.CheckpointAnchor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The Azure checkpoint anchor: one blob per checkpoint in the ledger container, under
 * {@code checkpoints/<tenant>/<19 digits>.json}, the digits counting down from {@link Long#MAX_VALUE} so that the
 * service lists a tenant's newest checkpoint first. Each is written once ({@code If-None-Match: *}) into a container
 * with version-level immutability (WORM) and a default time-based retention policy, locked by the deployment: no
 * identity, the account's owner included, can delete or overwrite a blob version before its retention ends.
 */
public final class BlobCheckpointAnchor implements CheckpointAnchor {

    /** Where checkpoints are in the ledger container. */
    public static final String CHECKPOINTS_PREFIX = "checkpoints/";

    private final BlobContainerClient container;

    public BlobCheckpointAnchor(BlobContainerClient container) {
        this.container = Objects.requireNonNull(container, "container");
    }

    static String name(Checkpoint c) {
        return prefix(c.tenant()) + String.format("%019d", Long.MAX_VALUE - c.sequence()) + ".json";
    }

    private static String prefix(String tenant) {
        return CHECKPOINTS_PREFIX + tenant + "/";
    }

    @Override
    public void append(Checkpoint checkpoint) {
        String name = name(checkpoint);
        try {
            container.getBlobClient(name).upload(BinaryData.fromString(Json.write(checkpoint)), false);
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 409) {
                return; // that sequence is anchored already: the first checkpoint of it stays
            }
            throw new AnchorException("cannot write " + name + " to " + describe() + ": " + why(e), e);
        } catch (RuntimeException e) {
            throw new AnchorException("cannot write " + name + " to " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Checkpoint> newest(String tenant) {
        Iterator<BlobItem> first = list(tenant, 1).iterator();
        return first.hasNext() ? Optional.of(read(first.next().getName())) : Optional.empty();
    }

    @Override
    public List<Checkpoint> all(String tenant) {
        List<Checkpoint> out = new ArrayList<>();
        for (BlobItem item : list(tenant, 1000)) {
            out.add(read(item.getName()));
        }
        out.sort(Comparator.comparingLong(Checkpoint::sequence));
        return out;
    }

    private Iterable<BlobItem> list(String tenant, int perPage) {
        try {
            List<BlobItem> items = new ArrayList<>();
            ListBlobsOptions options = new ListBlobsOptions().setPrefix(prefix(tenant)).setMaxResultsPerPage(perPage);
            if (perPage == 1) {
                container.listBlobs(options, null).iterableByPage().iterator().next().getValue().forEach(items::add);
            } else {
                container.listBlobs(options, null).forEach(items::add);
            }
            return items;
        } catch (RuntimeException e) {
            throw new AnchorException("cannot list the checkpoints of tenant " + tenant + " in " + describe() + ": "
                    + e.getMessage(), e);
        }
    }

    private Checkpoint read(String name) {
        String text;
        try {
            text = container.getBlobClient(name).downloadContent().toString();
        } catch (RuntimeException e) {
            throw new AnchorException("cannot read " + name + " from " + describe() + ": " + e.getMessage(), e);
        }
        try {
            return Json.read(text, Checkpoint.class);
        } catch (IllegalArgumentException e) {
            throw new AnchorException(describe() + name + " is not a checkpoint: " + e.getMessage());
        }
    }

    private static String why(BlobStorageException e) {
        return "HTTP " + e.getStatusCode() + " " + e.getErrorCode();
    }

    @Override
    public String describe() {
        return container.getBlobContainerUrl() + "/" + CHECKPOINTS_PREFIX;
    }
}
