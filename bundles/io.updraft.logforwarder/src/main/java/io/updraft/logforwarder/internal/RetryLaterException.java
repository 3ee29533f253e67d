package io.updraft.logforwarder.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/** The destination is overloaded or unavailable and may have said how long to wait (Retry-After). */
final class RetryLaterException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient Optional<Duration> after;

    RetryLaterException(String message, Optional<Duration> after) {
        super(message);
        this.after = after;
    }

    Optional<Duration> after() {
        return after;
    }
}
