package io.updraft.logstore;

/** The store could not do what was asked; the message names the stream and file. */
public class LogStoreException extends Exception {
    private static final long serialVersionUID = 1L;

    public LogStoreException(String message) {
        super(message);
    }

    public LogStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
