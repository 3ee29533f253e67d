package io.updraft.downloader.internal;

import java.util.Locale;

/** What downloads do on a metered link. */
enum MeteredPolicy {
    /** Download as on any link. */
    ALLOW,
    /** Download at most at the metered rate limit. */
    THROTTLE,
    /** Wait for an unmetered link. */
    DEFER;

    static MeteredPolicy parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (MeteredPolicy p : values()) {
            if (p.name().toLowerCase(Locale.ROOT).equals(t)) {
                return p;
            }
        }
        throw new IllegalArgumentException("meteredPolicy '" + text + "' must be allow, throttle or defer");
    }
}
