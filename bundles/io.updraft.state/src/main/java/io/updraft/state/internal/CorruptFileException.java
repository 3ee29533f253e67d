package io.updraft.state.internal;

/**
 * The content of a state file cannot be trusted: truncated, altered, unparseable or of an invalid schema number.
 * Kept apart from {@link java.io.IOException} because only corruption is recovered from; an unreadable file or a
 * full disk must fail loudly instead of being replaced by an older copy. An intact file of a newer schema is no
 * corruption either: see {@link NewerSchemaException}.
 */
final class CorruptFileException extends Exception {
    private static final long serialVersionUID = 1L;

    CorruptFileException(String message) {
        super(message);
    }

    CorruptFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
