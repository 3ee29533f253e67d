package io.updraft.installer.archive.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Writes tar archives, good and malicious, compressed as the file name says. Names are kept exactly as given. */
final class TarBuilder implements Closeable {
    private final TarArchiveOutputStream tar;
    private final byte[] zeros = new byte[1 << 20];

    private TarBuilder(OutputStream out) {
        tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    static TarBuilder to(Path file) throws IOException {
        String name = file.getFileName().toString();
        OutputStream out = Files.newOutputStream(file);
        if (name.endsWith(".gz") || name.endsWith(".tgz")) {
            GzipParameters fast = new GzipParameters();
            fast.setCompressionLevel(1);
            out = new GzipCompressorOutputStream(out, fast);
        } else if (name.endsWith(".zst")) {
            out = new ZstdCompressorOutputStream(out, 3);
        } else if (name.endsWith(".xz")) {
            out = new XZCompressorOutputStream(out, 1);
        }
        return new TarBuilder(out);
    }

    TarBuilder file(String name, int mode, byte[] content) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setMode(mode);
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
        return this;
    }

    TarBuilder zeros(String name, long size) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setMode(0644);
        e.setSize(size);
        tar.putArchiveEntry(e);
        for (long left = size; left > 0; left -= zeros.length) {
            tar.write(zeros, 0, (int) Math.min(left, zeros.length));
        }
        tar.closeArchiveEntry();
        return this;
    }

    TarBuilder dir(String name, int mode) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/", TarConstants.LF_DIR, true);
        e.setMode(mode);
        return put(e);
    }

    TarBuilder symlink(String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        e.setLinkName(target);
        return put(e);
    }

    TarBuilder hardlink(String name, String target) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        e.setLinkName(target);
        return put(e);
    }

    /** A device node or FIFO entry: {@code flag} is {@code LF_CHR}, {@code LF_BLK} or {@code LF_FIFO}. */
    TarBuilder special(String name, byte flag) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, flag, true);
        e.setDevMajor(1);
        e.setDevMinor(3);
        return put(e);
    }

    private TarBuilder put(TarArchiveEntry e) throws IOException {
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        return this;
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
