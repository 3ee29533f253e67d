package io.updraft.downloader.internal;

import java.util.regex.Pattern;

/** Which download ids may name files in the downloads folder. */
final class PartialNames {
    /** The same rule as {@link io.updraft.downloader.DownloadRequest}'s id. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private PartialNames() {
    }

    /**
     * Whether {@code id} is a valid download id that cannot be mistaken for the downloader's own files: an id
     * ending in {@code .part} would have its complete file named like another download's partial data.
     */
    static boolean valid(String id) {
        return id != null && ID.matcher(id).matches() && !id.contains("..") && !id.endsWith(StateStore.PART)
                && !id.endsWith(StateStore.STATE) && !id.endsWith(StateStore.TEMP);
    }
}
