package io.updraft.verifier;

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
}
