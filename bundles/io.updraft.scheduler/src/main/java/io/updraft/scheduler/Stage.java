package io.updraft.scheduler;

/** Where the scheduled update stands. */
public enum Stage {
    /** Known and allowed, waiting for its download time or for the pre-update checks to pass. */
    WAITING_TO_DOWNLOAD,
    /** Waiting for the user to confirm (download or install, as the policy says). */
    AWAITING_CONFIRMATION,
    /** Artifacts are being fetched. */
    DOWNLOADING,
    /** The download was paused by a user; partial data kept. */
    PAUSED,
    /** Fetched artifacts are being checked. */
    VERIFYING,
    /** Verified and waiting for its install time. */
    WAITING_TO_INSTALL,
    /** Its install time has come: the installer may take it. */
    INSTALL_DUE,
    /**
     * The installer installed and committed it ({@link UpdateScheduler#installFinished}); its downloads are deleted.
     * Nothing is pending any more, so the next check's releases are scheduled.
     */
    INSTALLED,
    /** The user declined it, or the confirmation timed out with "deny" as the default. */
    DENIED,
    /**
     * It failed for good, or its install failed or was rolled back (then its releases are not scheduled again until
     * newer ones come); the schedule's problem says why.
     */
    FAILED
}
