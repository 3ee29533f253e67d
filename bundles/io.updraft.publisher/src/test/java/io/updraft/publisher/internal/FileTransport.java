package io.updraft.publisher.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import io.updraft.verifier.MetadataTransport;
import io.updraft.verifier.TooLargeException;

/**
 * The verifier's transport straight from a repository directory, as a mirror that copied it would serve it: the
 * files under their names, nothing else. Names the verifier asks for never lead outside the repository.
 */
final class FileTransport implements MetadataTransport {
    private final Path metadata;
    private final Path targets;

    FileTransport(Path repo) {
        this.metadata = repo.resolve(Repository.METADATA).toAbsolutePath().normalize();
        this.targets = repo.resolve(Repository.TARGETS_DIR).toAbsolutePath().normalize();
    }

    @Override
    public Optional<byte[]> fetchMetadata(String fileName, long maxLength) throws IOException {
        Path file = inside(metadata, fileName);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxLength + 1));
            if (bytes.length > maxLength) {
                throw new TooLargeException("metadata/" + fileName, maxLength);
            }
            return Optional.of(bytes);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public InputStream openTarget(String path, long maxLength) throws IOException {
        try {
            return Files.newInputStream(inside(targets, path));
        } catch (NoSuchFileException e) {
            throw new FileNotFoundException("targets/" + path + " is missing");
        }
    }

    private static Path inside(Path base, String name) throws IOException {
        Path file = base.resolve(name).normalize();
        if (!file.startsWith(base) || file.equals(base)) {
            throw new IOException("'" + name + "' is not a file inside " + base);
        }
        return file;
    }
}
