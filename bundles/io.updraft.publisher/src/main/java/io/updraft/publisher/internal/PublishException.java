package io.updraft.publisher.internal;

/**
 * The arguments were well-formed but the operation was refused or failed (a package signed by the wrong key, an
 * older version, too few signing keys). Nothing was changed on disk when this is thrown.
 */
final class PublishException extends Exception {
    private static final long serialVersionUID = 1L;

    PublishException(String message) {
        super(message);
    }

    PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
