package io.updraft.telemetry;

/** Telemetry state (consent, stored events) could not be read or written. */
public class TelemetryException extends Exception {
    private static final long serialVersionUID = 1L;

    public TelemetryException(String message) {
        super(message);
    }

    public TelemetryException(String message, Throwable cause) {
        super(message, cause);
    }
}
