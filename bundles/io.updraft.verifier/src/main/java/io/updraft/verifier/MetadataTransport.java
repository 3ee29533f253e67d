package io.updraft.verifier;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Fetches a repository's files for the verifier. Implementations enforce the byte limits they are given, time
 * out slow transfers, and never interpret the content.
 */
@ConsumerType
public interface MetadataTransport {

    /**
     * The bytes of a metadata file, e.g. {@code timestamp.json}, {@code 3.root.json}, {@code 7.snapshot.json}.
     *
     * @param fileName the file name below the metadata base, already percent-encoded where needed
     * @param maxLength the most bytes to accept
     * @return empty if the repository does not have the file (e.g. HTTP 404)
     * @throws TooLargeException if the file is longer than {@code maxLength}; reading stopped at the limit
     * @throws java.net.SocketTimeoutException or another {@link IOException} if the transfer stalled or failed
     */
    Optional<byte[]> fetchMetadata(String fileName, long maxLength) throws IOException;

    /**
     * Opens a target file for reading, e.g. {@code robot/app-1.2.0.updraft} or, in a consistent-snapshot
     * repository, {@code robot/HASH.app-1.2.0.updraft}. The stream must not deliver more than {@code maxLength}
     * bytes; callers check length and hashes while reading.
     *
     * @throws java.io.FileNotFoundException if the repository does not have it
     */
    InputStream openTarget(String path, long maxLength) throws IOException;
}
