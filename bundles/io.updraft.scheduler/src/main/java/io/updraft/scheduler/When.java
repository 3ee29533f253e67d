package io.updraft.scheduler;

/** When a step of an update may run. */
public enum When {
    /** As soon as the pre-update checks pass. */
    NOW,
    /** In the next maintenance window, e.g. 03:00-04:00 local time. */
    WINDOW,
    /** After the user confirms (or the confirmation times out and the default action applies). */
    CONFIRM
}
