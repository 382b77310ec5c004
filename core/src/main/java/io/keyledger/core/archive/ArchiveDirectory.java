package io.keyledger.core.archive;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The local archive tier: one file per segment under a directory beside the database (for
 * {@code keyledger.db}, {@code keyledger-archive/}), written once (through a temporary file and an atomic
 * move that never replaces) and then made read-only. The file system cannot lock a file against its owner
 * as S3 Object Lock does; the ledger's record of each segment's SHA-256 is what shows a change.
 */
public final class ArchiveDirectory implements ArchiveObjects {

    private final Path root;

    public ArchiveDirectory(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize();
    }

    /** The archive directory beside a database file: {@code <name without extension>-archive}. */
    public static ArchiveDirectory besideDatabase(Path dbFile) {
        Path absolute = dbFile.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return new ArchiveDirectory(absolute.resolveSibling(base + "-archive"));
    }

    public Path root() {
        return root;
    }

    @Override
    public void write(String name, byte[] content, Optional<Instant> retainUntil) {
        Path file = resolve(name);
        try {
            if (Files.exists(file)) {
                if (Arrays.equals(Files.readAllBytes(file), content)) {
                    return;
                }
                throw new ArchiveException(describe() + ": " + name + " exists with other content; not replaced");
            }
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), ".segment", ".tmp");
            try {
                Files.write(temporary, content);
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                throw new ArchiveException(describe() + ": " + name + " was written meanwhile; not replaced");
            } finally {
                Files.deleteIfExists(temporary);
            }
            if (Files.getFileAttributeView(file, PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
            } else {
                file.toFile().setReadOnly();
            }
        } catch (IOException e) {
            throw new ArchiveException("cannot write " + name + " to " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<byte[]> read(String name) {
        try {
            return Optional.of(Files.readAllBytes(resolve(name)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new ArchiveException("cannot read " + name + " from " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String name) {
        Path file = resolve(name);
        try {
            if (Files.exists(file)) {
                file.toFile().setWritable(true, true);
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new ArchiveException("cannot delete " + name + " from " + describe() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "archive directory " + root;
    }

    private Path resolve(String name) {
        Path file = root.resolve(name).normalize();
        if (!file.startsWith(root) || name.contains("\\")) {
            throw new ArchiveException("object name '" + name + "' leaves " + describe());
        }
        return file;
    }
}
