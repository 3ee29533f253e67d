package io.updraft.verifier;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;

import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * The layout of an Updraft package file: a tar archive, compressed with zstd or gzip (or not at all), whose
 * entries are, in this order, the manifest, its detached signature, and the payload files under
 * {@value #PAYLOAD_PREFIX}. The manifest lists every payload file with its length and SHA-256; the signature is
 * a TUF-style {@code {"signatures": [{"keyid", "sig"}]}} over the canonical JSON of the manifest, made by keys of
 * the repository's {@code targets} role, so a package can be checked offline against the pinned trust root.
 */
public final class PackageFormat {
    /** The manifest entry, first in the archive. */
    public static final String MANIFEST = "updraft-package.json";
    /** The signature entry, second. */
    public static final String SIGNATURE = "updraft-package.sig";
    /** Payload entries start with this. */
    public static final String PAYLOAD_PREFIX = "payload/";
    /** {@code _type} of the manifest. */
    public static final String TYPE = "updraft-package";
    /** The manifest format this runtime writes and reads. */
    public static final int FORMAT_VERSION = 1;
    /** File name suffix of package files. */
    public static final String SUFFIX = ".updraft";

    private PackageFormat() {
    }

    /**
     * Unwraps a package stream compressed with zstd or gzip, or passes an uncompressed one through; the kind is
     * told from the first bytes, so a package needs no file name suffix per compression.
     */
    public static InputStream decompress(InputStream raw) throws IOException {
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
