package io.updraft.rest.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.install.InstallException;
import io.updraft.install.InstallProgressView;
import io.updraft.install.InstallRecord;
import io.updraft.install.InstallService;

/**
 * Package installs from local storage ({@code POST install} with {@code file}). Such an install stages, switches and
 * runs the whole trial, minutes rather than seconds, longer than HTTP clients and proxies wait; so the request is
 * answered 202 once the file and the device are checked, the install runs on one thread of its own, and
 * {@code GET progress} shows it ({@code install}) and then its outcome ({@code offline}). One at a time: a second
 * request while one runs is 409.
 */
final class OfflineInstalls implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OfflineInstalls.class);
    /** How long a shutdown lets a running install reach its end before it is interrupted (the journal recovers it). */
    private static final long SHUTDOWN_GRACE_SECONDS = 5;

    /**
     * One request's install.
     *
     * @param record the history record once it ended; null while it runs or when it was refused
     * @param error the refusal's lower-case reason code (as the other endpoints answer it); empty if none
     * @param message the refusal's message; empty if none
     */
    record Job(Path file, String repository, Instant accepted, InstallRecord record, String error, String message) {
        boolean running() {
            return record == null && error.isEmpty();
        }
    }

    private final ExecutorService executor;
    private final Clock clock;
    private Job last;

    OfflineInstalls(Clock clock) {
        this.clock = clock;
        // One thread, created on the first install, with a name that tells a thread dump what it is.
        this.executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "updraft-rest-offline-install");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Checks the file and that nothing else is installing, then starts the install.
     *
     * @throws ApiError 400 for a file that is not there, 409 {@code busy} while an install or rollback runs
     */
    synchronized Job start(InstallService installer, Path file, String repository) throws ApiError {
        if (!Files.isRegularFile(file)) {
            throw new ApiError(400, "bad_request", "file '" + file + "' " + (Files.exists(file)
                    ? "is not a regular file" : "does not exist"));
        }
        if (last != null && last.running()) {
            throw new ApiError(409, "busy", "the package " + last.file() + " accepted at " + last.accepted()
                    + " is still being installed");
        }
        Optional<InstallProgressView> running = installer.progress();
        if (running.isPresent()) {
            throw new ApiError(409, "busy", "update " + running.get().id() + " is being installed or rolled back ("
                    + running.get().step() + ")");
        }
        Job job = new Job(file, repository, clock.instant(), null, "", "");
        try {
            executor.execute(() -> run(installer, job));
        } catch (RejectedExecutionException e) {
            throw new ApiError(503, "unavailable", "the REST API is stopping; no install is started");
        }
        last = job;
        LOG.info("Install of package {} (repository {}) accepted over REST", file, repository);
        return job;
    }

    private void run(InstallService installer, Job job) {
        Job ended;
        try {
            InstallRecord r = installer.installFile(job.file(), job.repository(), InstallEndpoints.BY);
            ended = new Job(job.file(), job.repository(), job.accepted(), r, "", "");
            LOG.info("Install of package {} ended: {} {}", job.file(), r.outcome(), r.reason());
        } catch (InstallException e) {
            ended = new Job(job.file(), job.repository(), job.accepted(), null,
                    e.reason().name().toLowerCase(Locale.ROOT), e.getMessage());
            LOG.warn("Install of package {} refused: {}", job.file(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ended = new Job(job.file(), job.repository(), job.accepted(), null, "interrupted",
                    "the device shut down during the install; it is finished or undone at the next start");
        } catch (RuntimeException e) {
            LOG.error("Install of package {} failed inside the device", job.file(), e);
            ended = new Job(job.file(), job.repository(), job.accepted(), null, "internal_error",
                    "the install failed inside the device; see the device log");
        }
        synchronized (this) {
            last = ended;
        }
    }

    /** The latest request's install, running or ended; empty when none was made since the API started. */
    synchronized Optional<Job> last() {
        return Optional.ofNullable(last);
    }

    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(SHUTDOWN_GRACE_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("An install of a package is still running; interrupting it, it is recovered at the next start");
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }
}
