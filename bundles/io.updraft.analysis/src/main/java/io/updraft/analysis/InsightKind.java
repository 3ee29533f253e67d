package io.updraft.analysis;

/** What an {@link Insight} is about. */
public enum InsightKind {
    /** A metric left its usual range: a spike, a dip or a level shift. */
    ANOMALY,
    /** Errors or warnings in the runtime log became much more frequent than before. */
    ERROR_RATE_CHANGE,
    /** A metric moves steadily towards its limit, which it reaches beyond the forecast horizon. */
    TREND,
    /** A metric will reach its limit within the forecast horizon, e.g. the disk fills up. */
    FORECAST,
    /** A metric moves together with a failure rate, e.g. crashes with temperature. */
    CORRELATION
}
