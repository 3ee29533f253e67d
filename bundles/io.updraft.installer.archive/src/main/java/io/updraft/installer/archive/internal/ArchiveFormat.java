package io.updraft.installer.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/** The tar archives a payload may be, told by the file name as the signed manifest gives it. */
enum ArchiveFormat {
    TAR(".tar"), TAR_GZ(".tar.gz", ".tgz"), TAR_ZST(".tar.zst"), TAR_XZ(".tar.xz");

    private final List<String> suffixes;

    ArchiveFormat(String... suffixes) {
        this.suffixes = List.of(suffixes);
    }

    /** The format of a payload file named {@code name}, or null when it is not an archive. */
    static ArchiveFormat of(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (ArchiveFormat f : values()) {
            for (String s : f.suffixes) {
                if (lower.endsWith(s)) {
                    return f;
                }
            }
        }
        return null;
    }

    /** The uncompressed tar stream. */
    InputStream open(InputStream raw) throws IOException {
        switch (this) {
            case TAR_GZ:
                // Concatenated members are one stream to gzip(1), so they are here too.
                return new GzipCompressorInputStream(raw, true);
            case TAR_ZST:
                return new ZstdCompressorInputStream(raw);
            case TAR_XZ:
                return new XZCompressorInputStream(raw, true);
            default:
                return raw;
        }
    }
}
