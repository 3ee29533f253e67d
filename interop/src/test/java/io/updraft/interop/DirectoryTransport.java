package io.updraft.interop;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.updraft.verifier.MetadataTransport;
import io.updraft.verifier.TooLargeException;

/**
 * Reads a repository directory ({@code metadata/}, {@code targets/}) the way an HTTP transport would serve it,
 * honouring the verifier's byte caps, and records which metadata files were asked for.
 */
final class DirectoryTransport implements MetadataTransport {
    private final Path metadata;
    private final Path targets;
    final List<String> requests = new ArrayList<>();

    DirectoryTransport(Path repository) {
        this.metadata = repository.resolve("metadata");
        this.targets = repository.resolve("targets");
    }

    @Override
    public Optional<byte[]> fetchMetadata(String fileName, long maxLength) throws IOException {
        requests.add(fileName);
        Path file = metadata.resolve(fileName);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (Files.size(file) > maxLength) {
            throw new TooLargeException(fileName, maxLength);
        }
        return Optional.of(Files.readAllBytes(file));
    }

    @Override
    public InputStream openTarget(String path, long maxLength) throws IOException {
        Path file = targets.resolve(path);
        if (!Files.isRegularFile(file)) {
            throw new FileNotFoundException(file.toString());
        }
        return Files.newInputStream(file);
    }
}
