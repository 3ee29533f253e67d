package io.updraft.installer.archive.internal;

import java.io.IOException;
import java.io.InputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * A tar reader that refuses oversized metadata. GNU long names and links and PAX headers are read whole into memory
 * by the tar reader itself, before the entry they describe is returned, so neither the entry count nor the content
 * bound can stop them: a few kilobytes of compressed archive could claim gigabytes of heap. Their size is checked
 * before their first byte is read.
 */
final class BoundedTarInputStream extends TarArchiveInputStream {
    /** Far above any real path (4096 on Linux) or set of PAX records, far below a heap. */
    static final long MAX_METADATA_BYTES = 1 << 20;

    /** Metadata larger than {@link #MAX_METADATA_BYTES}; carries the header entry's name. */
    static final class MetadataTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        final String entry;

        MetadataTooLarge(String entry, String message) {
            super(message);
            this.entry = entry;
        }
    }

    BoundedTarInputStream(InputStream in) {
        super(in);
    }

    @Override
    public int read(byte[] buf, int offset, int length) throws IOException {
        TarArchiveEntry e = getCurrentEntry();
        if (e != null && e.getSize() > MAX_METADATA_BYTES && (e.isGNULongNameEntry() || e.isGNULongLinkEntry()
                || e.isPaxHeader() || e.isGlobalPaxHeader())) {
            throw new MetadataTooLarge(e.getName(), "is a tar metadata header of " + e.getSize()
                    + " bytes, more than the " + MAX_METADATA_BYTES + " allowed");
        }
        return super.read(buf, offset, length);
    }
}
