package io.keyledger.core.ledger;

import io.keyledger.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The local checkpoint anchor: a JSON-lines file, one checkpoint per line, only ever appended to (opened
 * in append mode, under a file lock so that two processes never interleave a line). It is outside the
 * database so that someone holding only the database cannot take a checkpoint back; keep a copy
 * elsewhere, or make the file append-only ({@code chattr +a}), to hold against the machine's own users
 * too (docs/LEDGER.md).
 */
public final class CheckpointsFile implements CheckpointAnchor {

    private final Path file;

    public CheckpointsFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void append(Checkpoint checkpoint) {
        if (all(checkpoint.tenant()).stream().anyMatch(c -> c.sequence() == checkpoint.sequence()
                && c.signature().equals(checkpoint.signature()))) {
            return;
        }
        byte[] line = (Json.write(checkpoint) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                OutputStream out = java.nio.channels.Channels.newOutputStream(channel);
                out.write(line);
                out.flush();
                channel.force(false);
            }
        } catch (IOException e) {
            throw new AnchorException("cannot append to the checkpoints file " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Checkpoint> newest(String tenant) {
        return all(tenant).stream().max(Comparator.comparingLong(Checkpoint::sequence));
    }

    @Override
    public synchronized List<Checkpoint> all(String tenant) {
        Map<String, Checkpoint> found = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Checkpoint c = parse(line, number);
                if (c.tenant().equals(tenant)) {
                    found.putIfAbsent(c.sequence() + " " + c.signature(), c);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new AnchorException("cannot read the checkpoints file " + file + ": " + e.getMessage(), e);
        }
        List<Checkpoint> out = new ArrayList<>(found.values());
        out.sort(Comparator.comparingLong(Checkpoint::sequence));
        return out;
    }

    private Checkpoint parse(String line, int number) {
        try {
            return Json.read(line, Checkpoint.class);
        } catch (IllegalArgumentException e) {
            throw new AnchorException("checkpoints file " + file + " line " + number + " is not a checkpoint: "
                    + e.getMessage());
        }
    }

    @Override
    public boolean readsWhole() {
        return true;
    }

    @Override
    public String describe() {
        return "checkpoints file " + file;
    }
}
