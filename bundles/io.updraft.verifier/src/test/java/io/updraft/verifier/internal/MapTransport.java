package io.updraft.verifier.internal;

import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.updraft.verifier.MetadataTransport;
import io.updraft.verifier.TooLargeException;

/** Serves a {@link TestRepo}'s current files, honouring the caps like a real transport, and logs requests. */
final class MapTransport implements MetadataTransport {
    private final Map<String, byte[]> files;
    private final Map<String, byte[]> targets;
    final List<String> requests = new ArrayList<>();

    MapTransport(TestRepo repo) {
        this.files = repo.files;
        this.targets = repo.targetFiles;
    }

    @Override
    public Optional<byte[]> fetchMetadata(String fileName, long maxLength) throws IOException {
        requests.add(fileName);
        byte[] bytes = files.get(fileName);
        if (bytes != null && bytes.length > maxLength) {
            throw new TooLargeException(fileName, maxLength);
        }
        return Optional.ofNullable(bytes);
    }

    @Override
    public InputStream openTarget(String path, long maxLength) throws IOException {
        byte[] bytes = targets.get(path);
        if (bytes == null) {
            throw new FileNotFoundException(path);
        }
        return new ByteArrayInputStream(bytes);
    }
}
