package io.updraft.scheduler.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import io.updraft.downloader.DownloadException;
import io.updraft.downloader.DownloadRequest;
import io.updraft.downloader.DownloadState;
import io.updraft.downloader.DownloadStatus;
import io.updraft.downloader.Downloader;

/**
 * Downloads that complete at once into a folder, writing {@code component} (padded to the request's length) into
 * the file so the fake verifier can tell what it holds; failures and things to do during a download are scripted.
 */
final class FakeDownloader implements Downloader {
    /** Something to do inside a download call, e.g. a person pausing it. */
    interface During {
        void run(DownloadRequest request) throws Exception;
    }

    private final Path dir;
    private final Map<String, DownloadStatus> statuses = new TreeMap<>();
    private final Deque<DownloadException> failures = new ArrayDeque<>();
    final List<DownloadRequest> requests = new CopyOnWriteArrayList<>();
    final List<String> discarded = new CopyOnWriteArrayList<>();
    final List<String> paused = new CopyOnWriteArrayList<>();
    final List<DownloadStatus> extra = new ArrayList<>();
    During during;
    /** While set, files are written shorter than their request says, as a downloader bug or a damaged disk would. */
    volatile boolean truncate;
    private boolean pauseRequested;
    private String running;

    FakeDownloader(Path dir) {
        this.dir = dir;
    }

    synchronized void failNext(DownloadException e) {
        failures.add(e);
    }

    @Override
    public Path download(DownloadRequest r) throws DownloadException, InterruptedException {
        requests.add(r);
        synchronized (this) {
            running = r.id();
        }
        try {
            return run(r);
        } finally {
            synchronized (this) {
                running = null;
            }
        }
    }

    private Path run(DownloadRequest r) throws DownloadException, InterruptedException {
        During d = during;
        if (d != null) {
            during = null;
            try {
                d.run(r);
            } catch (RuntimeException | DownloadException | InterruptedException e) {
                throw e;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        synchronized (this) {
            if (pauseRequested) {
                pauseRequested = false;
                statuses.put(r.id(), status(r, DownloadState.PAUSED, r.length() / 2));
                throw new DownloadException(DownloadException.Reason.PAUSED, "download " + r.id() + " paused");
            }
            DownloadException e = failures.poll();
            if (e != null) {
                statuses.put(r.id(), status(r, e.retryable() ? DownloadState.PARTIAL : DownloadState.FAILED, 0));
                throw e;
            }
            try {
                Files.createDirectories(dir);
                Path file = dir.resolve(r.id());
                // The announced length, so what is handed on looks complete; a truncated file only on request.
                String content = truncate ? r.component()
                        : r.component() + "\n".repeat((int) Math.max(0, r.length() - r.component().length()));
                Files.writeString(file, content, StandardCharsets.UTF_8);
                statuses.put(r.id(), status(r, DownloadState.COMPLETE, r.length()));
                return file;
            } catch (IOException io) {
                throw new DownloadException(DownloadException.Reason.STORAGE, io.getMessage(), io);
            }
        }
    }

    private static DownloadStatus status(DownloadRequest r, DownloadState s, long bytes) {
        return new DownloadStatus(r.id(), r.updateId(), r.component(), s, bytes, r.length(), s == DownloadState.RUNNING ? 10 : 0,
                null, r.urls().get(0).toString(), 1, 0, "", Instant.EPOCH);
    }

    synchronized void put(DownloadStatus s) {
        statuses.put(s.id(), s);
    }

    @Override
    public synchronized Optional<DownloadStatus> status(String id) {
        return Optional.ofNullable(statuses.get(id));
    }

    @Override
    public synchronized List<DownloadStatus> statuses() {
        List<DownloadStatus> all = new ArrayList<>(statuses.values());
        all.addAll(extra);
        return all;
    }

    @Override
    public synchronized boolean pause(String id) {
        if (!id.equals(running)) {
            return false;
        }
        paused.add(id);
        pauseRequested = true;
        return true;
    }

    @Override
    public synchronized boolean discard(String id) {
        discarded.add(id);
        try {
            Files.deleteIfExists(dir.resolve(id));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return statuses.remove(id) != null;
    }
}
