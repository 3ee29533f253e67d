package io.updraft.logforwarder.internal;

import java.util.Locale;

/** What a destination sends while the device's link is metered. */
enum MeteredPolicy {
    /** Everything, as on any link. */
    SEND,
    /**
     * Only crash events, store drop records and log entries at WARN or above. Other log entries are dropped and
     * counted (the log stream cannot wait behind them without holding back the warnings); other streams wait.
     */
    CRITICAL,
    /** Nothing; every stream waits in the store until the link is not metered. */
    DEFER;

    static MeteredPolicy parse(String value, String what) {
        String v = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
        for (MeteredPolicy p : values()) {
            if (p.name().equals(v)) {
                return p;
            }
        }
        throw new IllegalArgumentException(what + " '" + value + "' must be send, critical or defer");
    }
}
