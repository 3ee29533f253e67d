package io.updraft.scheduler;

/** A scheduling request that cannot be done; the message names the update, the state and the value. */
public class SchedulerException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why, so callers can map it (e.g. REST: NOTHING_PENDING 404, WRONG_STAGE 409, INVALID 400). */
    public enum Code { NOTHING_PENDING, WRONG_STAGE, INVALID, STORAGE }

    private final Code code;

    public SchedulerException(Code code, String message) {
        super(message);
        this.code = code;
    }

    public SchedulerException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}
