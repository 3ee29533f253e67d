package io.updraft.update;

/** Device state could not be read or written, or a requested change is not allowed. */
public class StateException extends Exception {
    private static final long serialVersionUID = 1L;

    public StateException(String message) {
        super(message);
    }

    public StateException(String message, Throwable cause) {
        super(message, cause);
    }
}
