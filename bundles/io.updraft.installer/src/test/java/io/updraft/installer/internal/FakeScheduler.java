package io.updraft.installer.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.updraft.scheduler.Confirmation;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.Stage;
import io.updraft.scheduler.UpdateProgress;
import io.updraft.scheduler.UpdateScheduler;
import io.updraft.scheduler.When;
import io.updraft.update.Offer;

/** A scheduler holding one due update, set by the test, and recording what the installer reports back. */
final class FakeScheduler implements UpdateScheduler {
    final List<String> finished = new CopyOnWriteArrayList<>();
    private volatile Schedule current;
    private volatile Map<String, Path> packages = Map.of();

    void due(String updateId, List<Offer> offers, Map<String, Path> files) {
        current = new Schedule(updateId, offers, Stage.INSTALL_DUE, When.NOW, When.NOW, null, null,
                Confirmation.NOT_NEEDED, List.of(), null, "", Instant.now());
        packages = Map.copyOf(files);
    }

    @Override
    public Optional<Schedule> current() {
        return Optional.ofNullable(current);
    }

    @Override
    public Map<String, Path> duePackages(String updateId) throws SchedulerException {
        Schedule s = current;
        if (s == null || !s.updateId().equals(updateId)) {
            throw new SchedulerException(SchedulerException.Code.NOTHING_PENDING, "no due update " + updateId);
        }
        return packages;
    }

    @Override
    public void installFinished(String updateId, boolean installed, String reason) {
        finished.add(updateId + " " + installed + " " + reason);
        Schedule s = current;
        if (s != null && s.updateId().equals(updateId)) {
            current = null;
        }
    }

    @Override
    public UpdateProgress progress() {
        return UpdateProgress.NONE;
    }

    @Override
    public Schedule installNow(String by) throws SchedulerException {
        throw refused();
    }

    @Override
    public Schedule installInWindow(String by) throws SchedulerException {
        throw refused();
    }

    @Override
    public Schedule deny(String by) throws SchedulerException {
        throw refused();
    }

    @Override
    public Schedule pause(String by) throws SchedulerException {
        throw refused();
    }

    @Override
    public Schedule resume(String by) throws SchedulerException {
        throw refused();
    }

    private static SchedulerException refused() {
        return new SchedulerException(SchedulerException.Code.WRONG_STAGE, "the installer tests do not schedule");
    }
}
