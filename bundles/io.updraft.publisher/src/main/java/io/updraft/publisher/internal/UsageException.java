package io.updraft.publisher.internal;

/** The command line is wrong: an unknown, missing or malformed argument. The message names the argument. */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }

    UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
