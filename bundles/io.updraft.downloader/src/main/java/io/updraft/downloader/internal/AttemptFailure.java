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
        /**
         * The server cannot serve the range asked for (416), or answers it from another copy than the kept data's:
         * start over from the first byte.
         */
        START_OVER
    }

    private final Kind kind;
    private final Duration retryAfter;
    private final boolean poorLink;
    private final boolean newCopy;

    private AttemptFailure(Kind kind, String message, Duration retryAfter, boolean poorLink, boolean newCopy,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.retryAfter = retryAfter;
        this.poorLink = poorLink;
        this.newCopy = newCopy;
    }

    static AttemptFailure temporary(String message, Throwable cause) {
        return new AttemptFailure(Kind.TEMPORARY, message, Duration.ZERO, false, false, cause);
    }

    /** A cut or too slow transfer: a sign of a poor link. */
    static AttemptFailure poorLink(String message, Throwable cause) {
        return new AttemptFailure(Kind.TEMPORARY, message, Duration.ZERO, true, false, cause);
    }

    static AttemptFailure busy(String message, Duration retryAfter) {
        return new AttemptFailure(Kind.TEMPORARY, message, retryAfter, false, false, null);
    }

    static AttemptFailure refused(String message) {
        return new AttemptFailure(Kind.MIRROR_REFUSED, message, Duration.ZERO, false, false, null);
    }

    /** The server cannot serve the range asked for, which says nothing of whether its copy changed. */
    static AttemptFailure startOver(String message) {
        return new AttemptFailure(Kind.START_OVER, message, Duration.ZERO, false, false, null);
    }

    /** The server answered from a copy whose validators differ from those the kept data came with. */
    static AttemptFailure newCopy(String message) {
        return new AttemptFailure(Kind.START_OVER, message, Duration.ZERO, false, true, null);
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

    /** Whether the server's copy is known to differ from the one the kept data came from (a start-over). */
    boolean newCopy() {
        return newCopy;
    }
}
