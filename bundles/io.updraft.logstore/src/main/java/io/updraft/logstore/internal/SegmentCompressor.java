package io.updraft.logstore.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes the compressed copy of a sealed plain segment to a temporary file and makes it durable, so that renaming
 * it into place publishes a complete file. Only the good records are copied: a torn tail does not survive.
 */
final class SegmentCompressor {
    private SegmentCompressor() {
    }

    /**
     * @param limit the most the compressed copy may take on disk; it is abandoned beyond that
     * @return the compressed size
     * @throws IOException if it cannot be written or would exceed {@code limit}; {@code temp} is then deleted
     */
    static long compress(Path plain, long goodBytes, Path temp, Compression c, long limit) throws IOException {
        Files.deleteIfExists(temp);
        try (FileChannel ch = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(Segment.OWNER_ONLY))) {
            Limited counted = new Limited(Channels.newOutputStream(ch), limit, temp);
            try (InputStream in = Files.newInputStream(plain); OutputStream out = c.compress(counted)) {
                byte[] buf = new byte[64 * 1024];
                long left = goodBytes;
                while (left > 0) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                    if (n < 0) {
                        throw new IOException(plain + " is shorter than its " + goodBytes + " bytes of records");
                    }
                    out.write(buf, 0, n);
                    left -= n;
                }
            }
            ch.force(true);
            return counted.count;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /** Counts what passes and refuses to pass more than the limit; does not close the channel. */
    private static final class Limited extends FilterOutputStream {
        private final long limit;
        private final Path file;
        long count;

        Limited(OutputStream out, long limit, Path file) {
            super(out);
            this.limit = limit;
            this.file = file;
        }

        @Override
        public void write(int b) throws IOException {
            room(1);
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            room(len);
            out.write(b, off, len);
            count += len;
        }

        private void room(int n) throws IOException {
            if (count + n > limit) {
                throw new IOException("compressed copy " + file + " would exceed the " + limit
                        + " bytes reserved for it");
            }
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
