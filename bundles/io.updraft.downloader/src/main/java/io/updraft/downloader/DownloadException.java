package io.updraft.downloader;

/** Why a download did not complete. The message names the download, the URL and the value that was wrong. */
public class DownloadException extends Exception {
    private static final long serialVersionUID = 1L;

    /** The kinds of failure. */
    public enum Reason {
        /** Paused on request; partial data kept. */
        PAUSED(true),
        /** Not enough free space for the rest of the artifact and the configured reserve. */
        NO_SPACE(true),
        /**
         * No network, or only a metered one the policy forbids, for longer than the download may wait (added up since
         * it last got new data).
         */
        OFFLINE(true),
        /** Every mirror failed (connection errors, 5xx, timeouts), and no new data came within the retry budget. */
        UNREACHABLE(true),
        /** A server answered with something the downloader refuses (4xx, wrong Content-Range, too many bytes). */
        BAD_RESPONSE(false),
        /** The artifact's bytes do not have the signed length or hashes; the data was deleted. */
        INTEGRITY(false),
        /** The request itself cannot be served (e.g. no supported hash). */
        INVALID_REQUEST(false),
        /** The downloads folder cannot be written. */
        STORAGE(false),
        /** The download was discarded while it ran; its data is deleted. */
        DISCARDED(false);

        private final boolean retryable;

        Reason(boolean retryable) {
            this.retryable = retryable;
        }

        /** Whether trying again later can succeed without anything changing on the server. */
        public boolean retryable() {
            return retryable;
        }
    }

    private final Reason reason;

    public DownloadException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public DownloadException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public boolean retryable() {
        return reason.retryable();
    }
}
