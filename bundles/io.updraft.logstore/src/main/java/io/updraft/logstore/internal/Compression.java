package io.updraft.logstore.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** How sealed segments are compressed, and the file suffix that says so. */
enum Compression {
    NONE(""), GZIP(".gz"), ZSTD(".zst");

    private final String suffix;

    Compression(String suffix) {
        this.suffix = suffix;
    }

    /** Added after {@code .seg}. */
    String suffix() {
        return suffix;
    }

    OutputStream compress(OutputStream out) throws IOException {
        switch (this) {
            case GZIP:
                return new GzipCompressorOutputStream(out);
            case ZSTD:
                // Level 3, zstd's default: most of the ratio at a fraction of the CPU of higher levels.
                return new ZstdCompressorOutputStream(out, 3);
            default:
                return out;
        }
    }

    InputStream decompress(InputStream in) throws IOException {
        switch (this) {
            case GZIP:
                return new GzipCompressorInputStream(in);
            case ZSTD:
                return new ZstdCompressorInputStream(in);
            default:
                return in;
        }
    }

    /** @throws IllegalArgumentException naming the value and the valid ones */
    static Compression parse(String value) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (Compression c : values()) {
            if (c.name().equals(v)) {
                return c;
            }
        }
        throw new IllegalArgumentException("compression '" + value + "' is unknown; valid: zstd, gzip, none");
    }
}
