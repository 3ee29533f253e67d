package io.updraft.publisher.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** How a package's tar archive is compressed. Readers tell them apart by their magic bytes. */
enum Compression {
    ZSTD, GZIP, NONE;

    /** zstd's default level: fast, and most of the gain of the slow levels on binaries. */
    private static final int ZSTD_LEVEL = 3;

    /** @throws IllegalArgumentException naming the value unless it is zstd, gzip or none */
    static Compression parse(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "zstd":
                return ZSTD;
            case "gzip":
                return GZIP;
            case "none":
                return NONE;
            default:
                throw new IllegalArgumentException("compression '" + text + "' is not zstd, gzip or none");
        }
    }

    /** Wraps {@code out}; the output depends on the input bytes only (no time stamps or host names). */
    OutputStream compress(OutputStream out) throws IOException {
        switch (this) {
            case ZSTD:
                return new ZstdCompressorOutputStream(out, ZSTD_LEVEL, false, true);
            case GZIP:
                GzipParameters params = new GzipParameters();
                params.setModificationTime(0);
                return new GzipCompressorOutputStream(out, params);
            default:
                return out;
        }
    }

    /** Unwraps a stream of any of the three kinds, detected from its first bytes. */
    static InputStream decompress(InputStream raw) throws IOException {
        InputStream in = raw.markSupported() ? raw : new BufferedInputStream(raw, 1 << 16);
        in.mark(4);
        byte[] magic = in.readNBytes(4);
        in.reset();
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            return new ZstdCompressorInputStream(in);
        }
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return new GzipCompressorInputStream(in);
        }
        return in;
    }
}
