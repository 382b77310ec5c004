package io.keyledger.azure.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobContainerClientBuilder;
import io.keyledger.core.ledger.Checkpoint;
import io.keyledger.core.ledger.CheckpointAnchor;
import io.keyledger.core.ledger.LedgerHead;
import io.keyledger.testkit.MemorySigner;
import io.keyledger.testkit.azure.Azurite;
import io.keyledger.testkit.emulator.EmulatorPerClass;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The blob checkpoint anchor on Azurite's Blob service: written once per sequence, newest listed first, read back
 * whole. Azurite does not emulate immutability policies: that no identity can delete or overwrite a blob version
 * under the container's locked policy is Azure's guarantee, which the deployment's template sets up.
 */
class BlobCheckpointAnchorTest {

    private static final AtomicInteger CONTAINERS = new AtomicInteger();
    private static final Instant AT = Instant.parse("2026-03-01T00:00:00Z");
    @RegisterExtension
    static final EmulatorPerClass<Azurite> azurite = EmulatorPerClass.of(Azurite::start);

    private final MemorySigner key = MemorySigner.create();
    private BlobContainerClient container;
    private BlobCheckpointAnchor anchor;

    @BeforeEach
    void container() {
        container = new BlobContainerClientBuilder().connectionString(azurite.get().connectionString())
                .containerName("keyledger-ledger-" + CONTAINERS.incrementAndGet()).buildClient();
        container.create();
        anchor = new BlobCheckpointAnchor(container);
    }

    private Checkpoint checkpoint(String tenant, long sequence) {
        return Checkpoint.sign(tenant, new LedgerHead(sequence, Long.toHexString(sequence).repeat(64).substring(0, 64)),
                AT.plusSeconds(sequence), key);
    }

    @Test
    void eachCheckpointIsWrittenOnceAndTheNewestIsListedFirst() {
        Checkpoint first = checkpoint("acme", 12);
        anchor.append(checkpoint("acme", 3));
        anchor.append(first);
        anchor.append(checkpoint("acme", 7));
        anchor.append(checkpoint("globex", 40));
        Checkpoint later = Checkpoint.sign("acme", new LedgerHead(12, "e".repeat(64)), AT.plusSeconds(99), key);

        anchor.append(later);

        assertThat(anchor.newest("acme")).hasValue(first);
        assertThat(anchor.all("acme")).extracting(Checkpoint::sequence).containsExactly(3L, 7L, 12L);
        assertThat(anchor.all("acme")).allSatisfy(c -> assertThat(c.verifiesWith(key.publicKey())).isTrue());
        assertThat(anchor.newest("globex")).map(Checkpoint::sequence).hasValue(40L);
        assertThat(anchor.newest("initech")).isEmpty();
        assertThat(container.getBlobClient(BlobCheckpointAnchor.name(first)).getBlobName())
                .isEqualTo("checkpoints/acme/" + String.format("%019d", Long.MAX_VALUE - 12) + ".json");
    }

    @Test
    void aBlobThatIsNoCheckpointIsNamed() {
        anchor.append(checkpoint("acme", 1));
        String name = BlobCheckpointAnchor.name(checkpoint("acme", 2));
        container.getBlobClient(name).upload(BinaryData.fromString("not json"), true);

        assertThatThrownBy(() -> anchor.all("acme")).isInstanceOf(CheckpointAnchor.AnchorException.class)
                .hasMessageContaining(name).hasMessageContaining("is not a checkpoint");
    }

    @Test
    void aMissingContainerIsAnAnchorException() {
        BlobCheckpointAnchor missing = new BlobCheckpointAnchor(new BlobContainerClientBuilder()
                .connectionString(azurite.get().connectionString()).containerName("no-such-container").buildClient());

        assertThatThrownBy(() -> missing.append(checkpoint("acme", 1))).isInstanceOf(CheckpointAnchor.AnchorException.class)
                .hasMessageContaining("no-such-container").hasMessageContaining("404");
        assertThatThrownBy(() -> missing.newest("acme")).isInstanceOf(CheckpointAnchor.AnchorException.class);
    }
}
