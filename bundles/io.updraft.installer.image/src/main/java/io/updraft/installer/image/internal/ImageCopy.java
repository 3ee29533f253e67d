package io.updraft.installer.image.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongConsumer;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/** Copies image bytes to a slot through one fixed buffer, hashing them and stopping at a bound before crossing it. */
final class ImageCopy {
    /** Large enough for sequential device throughput, small enough for any device's memory. */
    static final int BUFFER = 1 << 20;

    /** What was written. */
    record Written(long length, String sha256) {
    }

    private ImageCopy() {
    }

    /**
     * @param bound most bytes the slot takes
     * @param boundWhat the bound for the refusal message, e.g. "the 4194304 bytes of /dev/mmcblk0p3"
     * @param afterChunk called after each chunk, to report progress
     * @throws InstallException {@code BAD_PACKAGE} when the image is unreadable or larger than {@code bound},
     *         {@code NO_SPACE} or {@code STAGE_FAILED} when writing fails
     */
    static Written copy(InputStream in, FileChannel out, long bound, String boundWhat, Path slot, String file,
            LongConsumer afterChunk) throws InstallException, InterruptedException {
        MessageDigest digest = sha256();
        byte[] buffer = new byte[BUFFER];
        long written = 0;
        while (true) {
            int n;
            try {
                n = in.read(buffer);
            } catch (IOException e) {
                throw new InstallException(Reason.BAD_PACKAGE, "image " + file + " cannot be read: " + e.getMessage(), e);
            }
            if (n < 0) {
                break;
            }
            if (n > bound - written) {
                throw new InstallException(Reason.BAD_PACKAGE, "image " + file + " is larger than " + boundWhat
                        + " (more than " + bound + " bytes)");
            }
            digest.update(buffer, 0, n);
            try {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                throw WriteFailures.writing(slot, file, e);
            }
            written += n;
            afterChunk.accept(written);
            if (Thread.interrupted()) {
                throw new InterruptedException("staging interrupted while writing " + file + " to " + slot);
            }
        }
        return new Written(written, HexFormat.of().formatHex(digest.digest()));
    }

    /** The SHA-256 of the first {@code length} bytes of {@code in}, or null if it holds fewer. */
    static String hashPrefix(FileChannel in, long length) throws IOException {
        MessageDigest digest = sha256();
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
        long position = 0;
        while (position < length) {
            buffer.clear().limit((int) Math.min(BUFFER, length - position));
            int n = in.read(buffer, position);
            if (n < 0) {
                return null;
            }
            digest.update(buffer.array(), 0, n);
            position += n;
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
