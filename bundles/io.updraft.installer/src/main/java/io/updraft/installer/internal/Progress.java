package io.updraft.installer.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import io.updraft.install.InstallProgress;
import io.updraft.install.InstallProgressView;
import io.updraft.install.InstallStep;

/**
 * Where the running attempt stands, for {@code progress()} and the progress events: every step change is
 * announced, byte counts at most about once a second.
 */
final class Progress {
    private static final long BYTES_EVENT_NANOS = 1_000_000_000L;

    private final Events events;
    private final Clock clock;
    private volatile InstallProgressView view;
    private long lastBytesEvent;

    Progress(Events events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    void step(String id, InstallStep step, String component) {
        InstallProgressView v = view;
        Instant deadline = v != null && v.id().equals(id) && step == InstallStep.HEALTH_CHECKS ? v.trialDeadline() : null;
        view = new InstallProgressView(id, step, component, 0, 0, deadline, clock.instant());
        events.progress(id, step.name(), component == null ? "" : component, 0, 0);
    }

    void trial(String id, Instant deadline) {
        view = new InstallProgressView(id, InstallStep.HEALTH_CHECKS, "", 0, 0, deadline, clock.instant());
        events.progress(id, InstallStep.HEALTH_CHECKS.name(), "", 0, 0);
    }

    /** A receiver of the bytes written in the current step. */
    InstallProgress bytes() {
        return (done, total) -> {
            InstallProgressView v = view;
            if (v == null) {
                return;
            }
            view = new InstallProgressView(v.id(), v.step(), v.component(), done, total, v.trialDeadline(), v.since());
            long now = System.nanoTime();
            synchronized (this) {
                if (now - lastBytesEvent < BYTES_EVENT_NANOS && done < total) {
                    return;
                }
                lastBytesEvent = now;
            }
            events.progress(v.id(), v.step().name(), v.component(), done, total);
        };
    }

    void clear() {
        view = null;
    }

    Optional<InstallProgressView> current() {
        return Optional.ofNullable(view);
    }
}
