package io.keyledger.azure.snapshot;

import io.keyledger.core.key.Provider;
import io.keyledger.core.sweep.KeySource;
import io.keyledger.core.sweep.SnapshotReader;
import io.keyledger.core.sweep.SweepScope;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Saved Azure CLI listings of Key Vault and Managed HSM keys, one key source per vault:
 * <pre>
 * &lt;dir&gt;/azure/&lt;subscription&gt;/&lt;vault&gt;/key-list.json              az keyvault key list --vault-name V --include-managed
 * &lt;dir&gt;/azure/&lt;subscription&gt;/&lt;vault&gt;/key-list-deleted.json      az keyvault key list-deleted --vault-name V  (optional)
 * &lt;dir&gt;/azure/&lt;subscription&gt;/&lt;vault&gt;/keys/&lt;name&gt;.json            az keyvault key show --vault-name V -n NAME
 * &lt;dir&gt;/azure/&lt;subscription&gt;/&lt;vault&gt;/versions/&lt;name&gt;.json        az keyvault key list-versions --vault-name V -n NAME  (optional)
 * &lt;dir&gt;/azure/&lt;subscription&gt;/&lt;vault&gt;/rotation-policy/&lt;name&gt;.json az keyvault key rotation-policy show --vault-name V -n NAME  (optional)
 * &lt;dir&gt;/azure/&lt;subscription&gt;/&lt;vault&gt;/vault.json                  az keyvault show --name V  (optional: the access model)
 * </pre>
 * (a Managed HSM with {@code --hsm-name H} in a folder named after it). A per-key file may hold the
 * CLI's error instead of its output; a live key whose {@code keys/<name>.json} is missing or holds an
 * error is observed partially ({@code unreadable}). States are derived at the reader's clock.
 */
public final class AzureSnapshotReader implements SnapshotReader {

    private final Clock clock;

    public AzureSnapshotReader(Clock clock) {
        this.clock = clock;
    }

    @Override
    public String provider() {
        return Provider.AZURE.code();
    }

    @Override
    public List<KeySource> read(Path dir) throws IOException {
        Path root = dir.resolve(Provider.AZURE.code());
        List<KeySource> sources = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return sources;
        }
        for (Path subscription : folders(root)) {
            for (Path vault : folders(subscription)) {
                String account = subscription.getFileName().toString().toLowerCase(Locale.ROOT);
                String location = vault.getFileName().toString().toLowerCase(Locale.ROOT);
                sources.add(new SnapshotKeySource(new SweepScope(Provider.AZURE, account, location),
                        VaultSnapshot.read(vault, account, location, clock.instant())));
            }
        }
        return sources;
    }

    private static List<Path> folders(Path parent) throws IOException {
        try (Stream<Path> children = Files.list(parent)) {
            return children.filter(Files::isDirectory).sorted().toList();
        }
    }
}
