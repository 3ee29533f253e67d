package io.updraft.install;

import java.util.Objects;

/** The one checked exception of the install flow. The message names the component, file or value that was wrong. */
public class InstallException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (REST status codes, history, retry). */
    public enum Reason {
        /** The package or its payload does not fit what this component or install kind needs. */
        BAD_PACKAGE,
        /** An archive entry would escape the slot, is a link, device or other special file, or expands too much. */
        UNSAFE_ARCHIVE,
        /** Not enough space to stage, snapshot or restore. */
        NO_SPACE,
        /** Writing into the inactive slot failed. */
        STAGE_FAILED,
        /** The staged or restored slot does not match what was written. */
        VERIFY_FAILED,
        /** A service could not be stopped or started. */
        SERVICE_FAILED,
        /** Health checks failed or did not pass before the trial deadline. */
        HEALTH_FAILED,
        /** A configuration migration hook failed. */
        MIGRATION_FAILED,
        /** Another install or rollback is running, or the device state does not allow this now. */
        BUSY,
        /** Nothing is waiting for a commit. */
        NOTHING_TO_COMMIT,
        /** No such snapshot, or it failed its check. */
        NO_SNAPSHOT,
        /** The component is not installed or not known. */
        UNKNOWN_COMPONENT,
        /** Stored state could not be read or written. */
        IO
    }

    private final Reason reason;

    public InstallException(Reason reason, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public InstallException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public Reason reason() {
        return reason;
    }
}
