package io.keyledger.core.ledger;

import io.keyledger.core.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
    /**
     * The newest checkpoint per tenant in the lines read so far, and where reading stopped: a batch's checkpoint
     * reads only the lines appended since, not the whole file again (it grows by a line per batch). Read again
     * from the start when the file is no longer the one read (shorter, another file, or changed in place).
     */
    private final Map<String, Checkpoint> newestRead = new HashMap<>();
    private long readUpTo;
    private int linesRead;
    private Object readKey;
    private FileTime readModified;

    public CheckpointsFile(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void append(Checkpoint checkpoint) {
        // A checkpoint past every one in the file is not in it; only an older one needs the whole file read.
        Optional<Checkpoint> newest = newest(checkpoint.tenant());
        if (newest.isPresent() && newest.get().sequence() >= checkpoint.sequence()
                && all(checkpoint.tenant()).stream().anyMatch(c -> c.sequence() == checkpoint.sequence()
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
    public synchronized Optional<Checkpoint> newest(String tenant) {
        try {
            BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class);
            if (now.size() < readUpTo || !Objects.equals(now.fileKey(), readKey)
                    || (now.size() == readUpTo && !now.lastModifiedTime().equals(readModified))) {
                newestRead.clear();
                readUpTo = 0;
                linesRead = 0;
            }
            if (now.size() > readUpTo) {
                readFrom(now);
            }
        } catch (NoSuchFileException e) {
            newestRead.clear();
            readUpTo = 0;
            linesRead = 0;
            readKey = null;
            return Optional.empty();
        } catch (IOException e) {
            throw new AnchorException("cannot read the checkpoints file " + file + ": " + e.getMessage(), e);
        }
        return Optional.ofNullable(newestRead.get(tenant));
    }

    /** Reads the whole lines past {@link #readUpTo}, keeping the newest checkpoint of each tenant. */
    private void readFrom(BasicFileAttributes attributes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer bytes = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8, size - readUpTo));
            while (bytes.hasRemaining() && channel.read(bytes, readUpTo + bytes.position()) > 0) {
                // until full or at the end
            }
            byte[] text = bytes.array();
            int start = 0;
            for (int i = 0; i < bytes.position(); i++) {
                if (text[i] != '\n') {
                    continue;
                }
                linesRead++;
                String line = new String(text, start, i - start, StandardCharsets.UTF_8);
                start = i + 1;
                if (line.isBlank()) {
                    continue;
                }
                Checkpoint c = parse(line, linesRead);
                newestRead.merge(c.tenant(), c, (a, b) -> b.sequence() > a.sequence() ? b : a);
            }
            // A last line without its end is read as the whole file's reading reads it, and again when it is whole.
            String tail = new String(text, start, bytes.position() - start, StandardCharsets.UTF_8);
            if (!tail.isBlank()) {
                Checkpoint c = parse(tail, linesRead + 1);
                newestRead.merge(c.tenant(), c, (a, b) -> b.sequence() > a.sequence() ? b : a);
            }
            readUpTo += start;
        }
        readKey = attributes.fileKey();
        readModified = Files.getLastModifiedTime(file);
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
