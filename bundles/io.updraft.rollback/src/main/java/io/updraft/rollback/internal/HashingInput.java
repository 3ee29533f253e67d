package io.updraft.rollback.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;

/**
 * Reads at most {@code limit} bytes of a stream, hashing and counting what passes. Failures of the underlying
 * stream surface as {@link Damaged}, so callers can tell a damaged source from a failing destination.
 */
final class HashingInput extends InputStream {
    /** The source could not be read: a damaged archive, or a file that changed or vanished. */
    static final class Damaged extends IOException {
        private static final long serialVersionUID = 1L;

        Damaged(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final InputStream in;
    private final MessageDigest digest = Hashes.sha256();
    private long remaining;
    private long count;

    HashingInput(InputStream in, long limit) {
        this.in = in;
        this.remaining = limit;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) <= 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (remaining <= 0) {
            return -1;
        }
        int n;
        try {
            n = in.read(b, off, (int) Math.min(len, remaining));
        } catch (IOException e) {
            throw new Damaged(e);
        }
        if (n > 0) {
            digest.update(b, off, n);
            remaining -= n;
            count += n;
        }
        return n;
    }

    /** Reads what is left up to the limit, so the hash covers everything the source holds. */
    void drain() throws IOException {
        byte[] buffer = new byte[Hashes.BUFFER];
        while (read(buffer, 0, buffer.length) > 0) {
            // Reading is the point: it feeds the digest.
        }
    }

    long count() {
        return count;
    }

    /** The hash of what was read; call once, after {@link #drain}. */
    String sha256() {
        return Hashes.hex(digest);
    }

    @Override
    public void close() {
        // The underlying stream belongs to the caller (a tar stream moving on to its next entry).
    }
}
