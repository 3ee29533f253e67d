package io.updraft.update;

/**
 * An update source could not give a trustworthy answer. {@link #retryable()} says whether asking again later
 * may help (network trouble) or not until something changes (a failed signature check, an attack, bad metadata).
 */
public class SourceException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean retryable;
    private final String code;

    /**
     * @param code a short machine-readable cause, e.g. {@code unreachable}, {@code rollback}, {@code expired}
     */
    public SourceException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    public String code() {
        return code;
    }
}
