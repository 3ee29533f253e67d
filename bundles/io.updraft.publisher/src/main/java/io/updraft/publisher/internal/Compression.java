package io.updraft.publisher.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;
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
}
