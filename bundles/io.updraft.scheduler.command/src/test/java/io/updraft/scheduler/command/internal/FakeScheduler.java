package io.updraft.scheduler.command.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.updraft.downloader.DownloadState;
import io.updraft.downloader.DownloadStatus;
import io.updraft.scheduler.Confirmation;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.SchedulerException;
import io.updraft.scheduler.Stage;
import io.updraft.scheduler.UpdateProgress;
import io.updraft.scheduler.UpdateScheduler;
import io.updraft.scheduler.When;
import io.updraft.update.Offer;
import io.updraft.update.Release;
import io.updraft.update.Version;

/** A scheduler that answers what the test set and records what it was asked, by whom. */
final class FakeScheduler implements UpdateScheduler {
    static final Instant AT = Instant.parse("2026-06-01T12:00:00Z");

    Optional<Schedule> current = Optional.empty();
    /** Progress answers in order; the last one repeats. */
    final Deque<UpdateProgress> progress = new ArrayDeque<>(List.of(UpdateProgress.NONE));
    /** What the next request answers: a schedule, or a SchedulerException to throw. */
    Object answer;
    final List<String> calls = new ArrayList<>();

    static Schedule schedule(String id, Stage stage) {
        return new Schedule(id, List.of(offer("app", "1.3.0"), offer("nav", "2.0.0")), stage, When.NOW, When.WINDOW,
                null, null, Confirmation.NOT_NEEDED, List.of(), null, "", AT);
    }

    static Offer offer(String component, String version) {
        Release r = new Release(component, Version.parse(version), null, null, Release.Kind.FULL, null);
        return new Offer(r, "production", component + ".updraft", 2048, Map.of("sha256", "0".repeat(64)), null, null, "archive");
    }

    static DownloadStatus download(String component, DownloadState state, long bytes, long total, long rate,
            Duration eta, String url, int attempts, String problem) {
        return new DownloadStatus(component + "-dl", "u-42", component, state, bytes, total, rate, eta, url, attempts, 0,
                problem, AT);
    }

    static UpdateProgress progress(Stage stage, long done, long total, long rate, Duration eta, DownloadStatus... downloads) {
        return new UpdateProgress("u-42", stage, done, total, rate, eta, List.of(downloads));
    }

    void progress(UpdateProgress... answers) {
        progress.clear();
        progress.addAll(List.of(answers));
    }

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
        calls.add("progress");
        return progress.size() > 1 ? progress.poll() : progress.peek();
    }

    @Override
    public Map<String, Path> duePackages(String updateId) {
        throw new AssertionError("the commands do not take packages");
    }

    @Override
    public void installFinished(String updateId, boolean installed, String reason) {
        throw new AssertionError("the commands do not end installs");
    }
}
