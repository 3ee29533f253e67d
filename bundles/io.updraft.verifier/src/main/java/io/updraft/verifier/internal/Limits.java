package io.updraft.verifier.internal;

/**
 * Byte caps for metadata whose length no trusted metadata gives yet, and bounds on the work of one refresh.
 */
record Limits(long rootBytes, long timestampBytes, long snapshotBytes, long targetsBytes, int maxRootRotations,
        int maxDelegations) {
    static final Limits DEFAULTS = new Limits(512 * 1024, 16 * 1024, 2 * 1024 * 1024, 32 * 1024 * 1024, 1024, 32);

    Limits {
        if (rootBytes < 1024 || timestampBytes < 512 || snapshotBytes < 1024 || targetsBytes < 1024) {
            throw new IllegalArgumentException("metadata size limits must be at least 1 KiB (timestamp 512 B)");
        }
        if (maxRootRotations < 1 || maxDelegations < 1) {
            throw new IllegalArgumentException("maxRootRotations and maxDelegations must be positive");
        }
    }
}
