package io.updraft.downloader.internal;

import java.time.Duration;

/** Why one transfer attempt ended without the whole artifact; what the download does next depends on the kind. */
final class AttemptFailure extends Exception {
    private static final long serialVersionUID = 1L;

    enum Kind {
        /** Try again later, at the next mirror (connection failed or cut, 5xx, timeouts). */
        TEMPORARY,
        /** This mirror does not serve the artifact (4xx, refused redirect, malformed answer). */
        MIRROR_REFUSED,
        /** The server cannot serve the range asked for: start over from the first byte. */
        START_OVER
    }

    private final Kind kind;
    private final Duration retryAfter;
    private final boolean poorLink;

    private AttemptFailure(Kind kind, String message, Duration retryAfter, boolean poorLink, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.poorLink = poorLink;
    }

    static AttemptFailure temporary(String message, Throwable cause) {
        return new AttemptFailure(Kind.TEMPORARY, message, Duration.ZERO, false, cause);
    }

    /** A cut or too slow transfer: a sign of a poor link. */
    static AttemptFailure poorLink(String message, Throwable cause) {
        return new AttemptFailure(Kind.TEMPORARY, message, Duration.ZERO, true, cause);
    }

    static AttemptFailure busy(String message, Duration retryAfter) {
        return new AttemptFailure(Kind.TEMPORARY, message, retryAfter, false, null);
    }

    static AttemptFailure refused(String message) {
        return new AttemptFailure(Kind.MIRROR_REFUSED, message, Duration.ZERO, false, null);
    }

    static AttemptFailure startOver(String message) {
        return new AttemptFailure(Kind.START_OVER, message, Duration.ZERO, false, null);
    }

    Kind kind() {
        return kind;
    }

    /** The least time to wait before the next attempt (from Retry-After), zero if none. */
    Duration retryAfter() {
        return retryAfter;
    }

    boolean poorLink() {
        return poorLink;
    }
}
