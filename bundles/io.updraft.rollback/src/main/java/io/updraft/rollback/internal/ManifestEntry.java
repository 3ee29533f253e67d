package io.updraft.rollback.internal;

import java.util.Objects;

/**
 * One entry of a snapshot's inner manifest.
 *
 * @param name the entry's name in the archive, without a trailing '/': {@code slot.img}, {@code slot/<path>},
 *        {@code config/<i>[/<path>]} or {@code data/<i>[/<path>]}
 * @param type {@code file}, {@code dir}, {@code link}, {@code image}, or {@code absent} for a configuration or data
 *        path that did not exist (no archive entry then)
 * @param mode permission bits including set-id and sticky bits; 0 for links and absent paths
 * @param length bytes of a file or image, 0 otherwise
 * @param sha256 lower-case hex of a file's or image's bytes, empty otherwise
 * @param linkTarget a link's target as stored, empty otherwise
 * @param origin where it came from: the path inside the slot, or the absolute path of a configuration or data entry
 * @param uid owner id, -1 when not recorded
 * @param gid group id, -1 when not recorded
 */
record ManifestEntry(String name, String type, int mode, long length, String sha256, String linkTarget, String origin,
        int uid, int gid) {
    static final String FILE = "file";
    static final String DIR = "dir";
    static final String LINK = "link";
    static final String IMAGE = "image";
    static final String ABSENT = "absent";

    ManifestEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        sha256 = sha256 == null ? "" : sha256;
        linkTarget = linkTarget == null ? "" : linkTarget;
        origin = origin == null ? "" : origin;
    }

    /** Whether the archive holds bytes for it. */
    boolean hasContent() {
        return FILE.equals(type) || IMAGE.equals(type);
    }

    /** Whether the archive has an entry for it. */
    boolean archived() {
        return !ABSENT.equals(type);
    }

    /** The name as a tar entry: directories end with '/'. */
    String tarName() {
        return DIR.equals(type) ? name + "/" : name;
    }
}
