package io.updraft.rest.internal;

/**
 * An error answered as {@code {"error": CODE, "message": TEXT}} with an HTTP status.
 */
final class ApiError extends Exception {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;

    ApiError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
