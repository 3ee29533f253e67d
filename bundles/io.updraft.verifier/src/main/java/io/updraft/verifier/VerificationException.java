package io.updraft.verifier;

/**
 * Metadata, a target or a package failed verification. Nothing from the failing step was trusted or stored; the
 * message names the role or file and what was wrong.
 */
public class VerificationException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of failure or attack was detected, for events, logs and tests. */
    public enum Reason {
        /** Fewer valid signatures from authorized keys than the role's threshold (includes revoked keys). */
        SIGNATURE_THRESHOLD,
        /** Metadata or a target version older than what is already trusted or installed. */
        ROLLBACK,
        /** Metadata past its expiry by the trusted clock. */
        EXPIRED,
        /** Metadata versions or hashes that do not match what the referring metadata says. */
        MIX_AND_MATCH,
        /** Content whose length or hash differs from the signed metadata. */
        HASH_MISMATCH,
        /** More data than the allowed or signed length. */
        TOO_LARGE,
        /** A transfer slower than the configured minimum or past its deadline. */
        SLOW_RETRIEVAL,
        /** Malformed, unsupported or inconsistent metadata, manifest or package. */
        MALFORMED,
        /** No trust root to start from, or a target not listed by any trusted role. */
        UNTRUSTED
    }

    private final Reason reason;

    public VerificationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public VerificationException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public String getMessage() {
        return reason.name().toLowerCase(java.util.Locale.ROOT) + ": " + super.getMessage();
    }
}
