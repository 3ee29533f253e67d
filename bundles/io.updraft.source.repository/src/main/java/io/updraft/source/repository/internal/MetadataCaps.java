package io.updraft.source.repository.internal;

import java.util.regex.Pattern;

/**
 * The most bytes accepted per metadata role, on top of the limit the verifier asks for: a device can be stricter
 * than the defaults the verifier applies before trusted metadata states a length.
 */
record MetadataCaps(long root, long timestamp, long snapshot, long targets) {
    private static final Pattern VERSIONED = Pattern.compile("[0-9]+\\.(.+)");

    /** The cap for a metadata file name such as {@code 3.root.json}, {@code timestamp.json} or {@code robot.json}. */
    long forFile(String fileName) {
        String name = fileName;
        var versioned = VERSIONED.matcher(name);
        if (versioned.matches()) {
            name = versioned.group(1);
        }
        return switch (name) {
            case "root.json" -> root;
            case "timestamp.json" -> timestamp;
            case "snapshot.json" -> snapshot;
            // Top-level and delegated targets alike.
            default -> targets;
        };
    }
}
