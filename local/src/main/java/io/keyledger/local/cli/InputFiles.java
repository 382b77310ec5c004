package io.keyledger.local.cli;

import io.keyledger.core.decode.Printable;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the files to ingest. Symbolic links are followed, files and directories alike: log directories are
 * often assembled from links (a {@code current} link, a synced tree), and a link reads nothing its user could
 * not read by naming the target. A link that leads back to one of its own ancestors is reported as a loop and
 * not followed again; a file reached twice (through two links) is read once. Whatever cannot be read (a
 * missing path, a directory without permission, a dangling link, a FIFO) is reported with the operating
 * system's reason and skipped: the rest is still ingested.
 */
final class InputFiles {

    /** The files to read, in order, and what was skipped, one message each. */
    record Expansion(List<Path> files, List<String> skipped) {
    }

    private InputFiles() {
    }

    /**
     * The files named, with directories walked recursively: each directory's files sorted by path so
     * that a run is repeatable, hidden files and directories (dot names) skipped.
     */
    static Expansion expand(List<Path> arguments) {
        List<Path> files = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                walk(argument, files, skipped, seen);
            } else if (Files.isRegularFile(argument)) {
                add(argument, files, seen);
            } else if (Files.isSymbolicLink(argument)) {
                skipped.add(name(argument) + ": a symbolic link to " + target(argument) + ", which does not exist");
            } else if (Files.exists(argument, LinkOption.NOFOLLOW_LINKS)) {
                skipped.add(name(argument) + ": not a regular file or directory");
            } else {
                skipped.add(name(argument) + ": no such file or directory");
            }
        }
        return new Expansion(files, skipped);
    }

    private static void add(Path file, List<Path> files, Set<Path> seen) {
        if (seen.add(realPath(file))) {
            files.add(file);
        }
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    private static void walk(Path directory, List<Path> out, List<String> skipped, Set<Path> seen) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(directory, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                            return !dir.equals(directory) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE
                                    : FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                            if (hidden(file)) {
                                return FileVisitResult.CONTINUE;
                            }
                            if (attrs.isRegularFile()) {
                                files.add(file);
                            } else if (Files.isSymbolicLink(file) && !Files.exists(file)) {
                                skipped.add(name(file) + ": a symbolic link to " + target(file) + ", which does not exist");
                            } else {
                                skipped.add(name(file) + ": not a regular file or directory");
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            if (!hidden(file)) {
                                skipped.add(problem(file, e));
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                            if (e != null) {
                                skipped.add(problem(dir, e));
                            }
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException e) {
            skipped.add(problem(directory, e));
        }
        files.sort(null);
        files.forEach(f -> add(f, out, seen));
    }

    private static String problem(Path path, IOException e) {
        if (e instanceof FileSystemLoopException) {
            return name(path) + ": a symbolic link loop (it leads back to a directory that contains it); not followed";
        }
        String what = Files.isDirectory(path) ? "cannot read directory " : "cannot read ";
        return what + name(path) + ": " + reason(e);
    }

    /** The operating system's reason, in its words, without the path Java repeats in the message. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null && !fs.getReason().isBlank()) {
            return Printable.of(fs.getReason().toLowerCase(java.util.Locale.ROOT));
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? "input/output error" : Printable.message(m);
    }

    private static String target(Path link) {
        try {
            return Printable.of(Files.readSymbolicLink(link).toString());
        } catch (IOException e) {
            return "a target that cannot be read";
        }
    }

    static String name(Path path) {
        return Printable.of(path.toString());
    }

    private static boolean hidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
