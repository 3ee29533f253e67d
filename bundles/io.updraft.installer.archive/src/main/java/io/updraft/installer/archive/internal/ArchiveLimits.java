package io.updraft.installer.archive.internal;

import java.util.Map;

import io.updraft.config.Units;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/**
 * What a component's archive may expand to, from {@code ComponentSpec.properties()}. The defaults refuse
 * decompression bombs and entry floods without getting in the way of real application trees.
 *
 * @param maxEntries most entries (files, directories, links, directories implied by paths) a slot may hold
 * @param maxExpansionRatio most bytes a tar archive may expand to per byte of the package it came in
 * @param maxBytes most bytes of file content in a slot, or {@link Long#MAX_VALUE} for no bound
 * @param allowSetId whether set-user-id, set-group-id and sticky bits of modes are kept
 */
record ArchiveLimits(long maxEntries, double maxExpansionRatio, long maxBytes, boolean allowSetId) {
    static final String MAX_ENTRIES = "maxEntries";
    static final String MAX_EXPANSION_RATIO = "maxExpansionRatio";
    static final String MAX_BYTES = "maxBytes";
    static final String ALLOW_SET_ID = "allowSetId";

    static final long DEFAULT_MAX_ENTRIES = 200_000;
    static final double DEFAULT_MAX_EXPANSION_RATIO = 100;

    /** @throws InstallException {@code STAGE_FAILED} naming the property and its value */
    static ArchiveLimits from(Map<String, String> properties) throws InstallException {
        try {
            long entries = DEFAULT_MAX_ENTRIES;
            String v = properties.get(MAX_ENTRIES);
            if (v != null) {
                entries = positiveLong(v, MAX_ENTRIES);
            }
            double ratio = DEFAULT_MAX_EXPANSION_RATIO;
            v = properties.get(MAX_EXPANSION_RATIO);
            if (v != null) {
                ratio = positiveRatio(v);
            }
            long bytes = Long.MAX_VALUE;
            v = properties.get(MAX_BYTES);
            if (v != null && !v.isBlank()) {
                bytes = Units.size(v, MAX_BYTES);
            }
            boolean setId = false;
            v = properties.get(ALLOW_SET_ID);
            if (v != null) {
                setId = bool(v);
            }
            return new ArchiveLimits(entries, ratio, bytes, setId);
        } catch (IllegalArgumentException e) {
            throw new InstallException(Reason.STAGE_FAILED, e.getMessage(), e);
        }
    }

    /** The mask applied to every mode taken from an archive or manifest. */
    int modeMask() {
        return allowSetId ? 07777 : 0777;
    }

    /** Most content bytes a tar archive of {@code archiveBytes}, shipped in a package of {@code packageBytes}, may give. */
    long expansionBound(long packageBytes, long archiveBytes) {
        double byRatio = maxExpansionRatio * Math.max(1, Math.max(packageBytes, archiveBytes));
        long bound = byRatio >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) byRatio;
        return Math.min(bound, maxBytes);
    }

    private static long positiveLong(String value, String name) {
        try {
            long n = Long.parseLong(value.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw new IllegalArgumentException("property " + name + " '" + value + "' is not a positive whole number");
    }

    private static double positiveRatio(String value) {
        try {
            double r = Double.parseDouble(value.strip());
            if (r > 0 && !Double.isInfinite(r)) {
                return r;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value.
        }
        throw new IllegalArgumentException("property " + MAX_EXPANSION_RATIO + " '" + value + "' is not a positive number");
    }

    private static boolean bool(String value) {
        switch (value.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new IllegalArgumentException("property " + ALLOW_SET_ID + " '" + value + "' is neither true nor false");
        }
    }
}
