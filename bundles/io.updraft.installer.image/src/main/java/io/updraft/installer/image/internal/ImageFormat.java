package io.updraft.installer.image.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** How an image payload is compressed, told by its file name as the signed manifest gives it. */
enum ImageFormat {
    RAW, GZIP, ZSTD, XZ;

    static ImageFormat of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".gz")) {
            return GZIP;
        }
        if (lower.endsWith(".zst")) {
            return ZSTD;
        }
        if (lower.endsWith(".xz")) {
            return XZ;
        }
        return RAW;
    }

    /** The image bytes. */
    InputStream open(InputStream raw) throws IOException {
        switch (this) {
            case GZIP:
                return new GzipCompressorInputStream(raw, true);
            case ZSTD:
                return new ZstdCompressorInputStream(raw);
            case XZ:
                return new XZCompressorInputStream(raw, true);
            default:
                return raw;
        }
    }
}
