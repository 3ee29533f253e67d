package io.updraft.publisher.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import io.updraft.fs.DurableFiles;

/**
 * The files under {@code targets/}. With consistent snapshots a target {@code dir/name} is stored once per listed
 * hash as {@code dir/<hash>.name} (hard links, so the bytes are on disk once), as TUF 5.7.3 lets a client pick any
 * of the hashes; without, as {@code dir/name}.
 */
final class TargetFiles {
    private TargetFiles() {
    }

    /** The file names a target is stored under, relative to {@code targets/}. */
    static List<String> names(String targetPath, Digests digests, boolean consistentSnapshot) {
        if (!consistentSnapshot) {
            return List.of(targetPath);
        }
        int slash = targetPath.lastIndexOf('/');
        String dir = targetPath.substring(0, slash + 1);
        String name = targetPath.substring(slash + 1);
        return List.of(dir + digests.sha256() + "." + name, dir + digests.sha512() + "." + name);
    }

    /**
     * Copies {@code source} to every name, crash-safely: through a temporary file, fsynced and renamed; the
     * further names are hard links to the first.
     *
     * @return the files created, for a caller that has to undo the copy
     */
    static List<Path> store(Path targetsDir, Path source, List<String> names) throws IOException {
        List<Path> created = new ArrayList<>();
        try {
            Path first = targetsDir.resolve(names.get(0));
            DurableFiles.createDirectories(first.getParent());
            Path temp = first.resolveSibling("." + first.getFileName() + ".tmp");
            Files.deleteIfExists(temp);
            try (InputStream in = Files.newInputStream(source);
                    FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                OutputStream out = Channels.newOutputStream(ch);
                in.transferTo(out);
                ch.force(true);
            } catch (IOException e) {
                Files.deleteIfExists(temp);
                throw e;
            }
            Files.move(temp, first, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            created.add(first);
            for (String other : names.subList(1, names.size())) {
                Path link = targetsDir.resolve(other);
                Files.deleteIfExists(link);
                try {
                    Files.createLink(link, first);
                } catch (UnsupportedOperationException | FileAlreadyExistsException e) {
                    Files.copy(first, link, StandardCopyOption.REPLACE_EXISTING);
                }
                created.add(link);
            }
            DurableFiles.syncDirectory(first.getParent());
            return created;
        } catch (IOException e) {
            delete(created);
            throw e;
        }
    }

    static void delete(List<Path> files) throws IOException {
        for (Path f : files) {
            Files.deleteIfExists(f);
        }
        if (!files.isEmpty()) {
            DurableFiles.syncDirectory(files.get(0).getParent());
        }
    }
}
