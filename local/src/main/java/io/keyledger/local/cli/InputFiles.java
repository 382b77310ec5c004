package io.keyledger.local.cli;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** Finds the files to ingest. */
final class InputFiles {

    private InputFiles() {
    }

    /**
     * The files named, with directories walked recursively: each directory's files sorted by path so
     * that a run is repeatable, hidden files and directories (dot names) skipped.
     */
    static List<Path> expand(List<Path> arguments) {
        List<Path> out = new ArrayList<>();
        for (Path argument : arguments) {
            if (Files.isDirectory(argument)) {
                out.addAll(walk(argument));
            } else if (Files.isRegularFile(argument)) {
                out.add(argument);
            } else if (Files.exists(argument)) {
                throw new CliException(argument + ": not a regular file or directory");
            } else {
                throw new CliException(argument + ": no such file or directory");
            }
        }
        return out;
    }

    private static List<Path> walk(Path directory) {
        List<Path> files = new ArrayList<>();
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return !dir.equals(directory) && hidden(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !hidden(file)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new CliException("cannot read directory " + directory + ": " + e.getMessage());
        }
        files.sort(null);
        return files;
    }

    private static boolean hidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }
}
