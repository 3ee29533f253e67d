package io.updraft.analysis;

/** How urgently an {@link Insight} needs attention, least urgent first. */
public enum Severity {
    /** Worth knowing; nothing to do yet. */
    INFO,
    /** Needs a look soon. */
    WARNING,
    /** Needs action now, e.g. the disk fills up within days. */
    CRITICAL
}
