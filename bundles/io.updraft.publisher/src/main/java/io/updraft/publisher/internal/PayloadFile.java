package io.updraft.publisher.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.updraft.verifier.PackageManifest;

/**
 * A file to put into a package: where to read it and its path and mode in the payload.
 *
 * @param source the file to read (for a link inside the tree, the file it points to)
 * @param path the path below {@code payload/}
 * @param mode permission bits
 */
record PayloadFile(Path source, String path, int mode) {

    /**
     * The files of a package input, sorted by payload path: a single file, or every regular file below a
     * directory. A symbolic link is stored as a copy of the file it points to if that is a regular file inside the
     * directory; links leading outside or to directories, and special files (devices, pipes, sockets), are refused.
     *
     * @throws PublishException naming the offending file
     */
    static List<PayloadFile> collect(Path from) throws IOException, PublishException {
        if (Files.isRegularFile(from, LinkOption.NOFOLLOW_LINKS)) {
            return List.of(new PayloadFile(from, from.getFileName().toString(), mode(from)));
        }
        if (!Files.isDirectory(from, LinkOption.NOFOLLOW_LINKS)) {
            throw new PublishException("package input " + from + " is neither a regular file nor a directory");
        }
        Path root = from.toRealPath();
        List<PayloadFile> files = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String rel = relative(root, file);
                if (attrs.isRegularFile()) {
                    files.add(new PayloadFile(file, rel, mode(file)));
                } else if (attrs.isSymbolicLink()) {
                    Path target;
                    try {
                        target = file.toRealPath();
                    } catch (NoSuchFileException e) {
                        refused.add(rel + " (symbolic link to a missing file)");
                        return FileVisitResult.CONTINUE;
                    }
                    if (!target.startsWith(root)) {
                        refused.add(rel + " (symbolic link pointing outside the input: " + target + ")");
                    } else if (!Files.isRegularFile(target)) {
                        refused.add(rel + " (symbolic link to a directory or special file)");
                    } else {
                        files.add(new PayloadFile(target, rel, mode(target)));
                    }
                } else {
                    refused.add(rel + " (special file: device, pipe or socket)");
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (!refused.isEmpty()) {
            throw new PublishException("package input " + from + " has files a package cannot hold: "
                    + String.join(", ", refused));
        }
        if (files.isEmpty()) {
            throw new PublishException("package input directory " + from + " holds no files");
        }
        files.sort(Comparator.comparing(PayloadFile::path));
        for (PayloadFile f : files) {
            try {
                PackageManifest.requireSafePath(f.path());
            } catch (IllegalArgumentException e) {
                throw new PublishException("package input " + from + ": " + e.getMessage(), e);
            }
        }
        return files;
    }

    private static String relative(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    private static int mode(Path file) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
        int mode = 0;
        for (PosixFilePermission p : perms) {
            mode |= 1 << (8 - p.ordinal());
        }
        return mode;
    }
}
