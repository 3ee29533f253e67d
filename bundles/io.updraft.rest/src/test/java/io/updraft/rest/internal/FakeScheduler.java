package io.updraft.rest.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.UpdateProgress;
import io.updraft.scheduler.UpdateScheduler;

/** A scheduler that answers what the test set and records what it was asked, by whom. */
final class FakeScheduler implements UpdateScheduler {
    static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");

    volatile Optional<Schedule> current = Optional.empty();
    volatile UpdateProgress progress = UpdateProgress.NONE;
    /** What the next request answers: a schedule, or a SchedulerException to throw. */
    volatile Object answer;
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @Override
    public Optional<Schedule> current() {
        return current;
    }

    private Schedule answer(String call, String by) throws SchedulerException {
        calls.add(call + " by " + by);
        if (answer instanceof SchedulerException) {
            throw (SchedulerException) answer;
        }
        return (Schedule) answer;
    }

    @Override
    public Schedule installNow(String by) throws SchedulerException {
        return answer("installNow", by);
    }

    @Override
    public Schedule installInWindow(String by) throws SchedulerException {
        return answer("installInWindow", by);
    }

    @Override
    public Schedule deny(String by) throws SchedulerException {
        return answer("deny", by);
    }

    @Override
    public Schedule pause(String by) throws SchedulerException {
        return answer("pause", by);
    }

    @Override
    public Schedule resume(String by) throws SchedulerException {
        return answer("resume", by);
    }

    @Override
    public UpdateProgress progress() {
        return progress;
    }

    @Override
    public Map<String, Path> duePackages(String updateId) {
        throw new AssertionError("the REST API does not take packages");
    }

    @Override
    public void installFinished(String updateId, boolean installed, String reason) {
        throw new AssertionError("the REST API does not end installs");
    }
}
