package io.updraft.downloader.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.downloader.DownloadException;
import io.updraft.downloader.DownloadException.Reason;
import io.updraft.downloader.DownloadRequest;
import io.updraft.downloader.DownloadState;
import io.updraft.product.NetworkStatus;

/**
 * One {@code download} call: finds or sets up the partial data, then makes attempts until the artifact is complete
 * and checked, the download is stopped, or it fails for good. Temporary failures are retried with backoff across
 * the mirrors within the retry budget ({@code giveUpAfter}), which is spent only while the download makes no
 * progress: it counts from the end of the last attempt that took the partial data further than it had been before
 * in this call (bytes fetched again after starting over do not count until they pass that point), or from the start
 * of the call until one has, and time without a network does not count against it. A long download over a slow link
 * that is cut now and then thus goes on for as long as it gets further, and one that gets nowhere gives up after the
 * budget.
 */
final class DownloadJob {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadJob.class);

    /** What the job takes from its downloader at each attempt, so configuration changes apply to the next one. */
    interface Environment {
        Transfer.Context context();

        NetworkStatus network();

        SpaceProbe space();

        Backoff backoff();
    }

    private final Environment env;
    private final StateStore store;
    private final DownloadRequest request;
    private final Map<String, String> hashes;
    private final Control control;
    private final Tracker tracker;
    private final String id;

    /** @param hashes the request's hashes with lower-case algorithm names and values */
    DownloadJob(Environment env, StateStore store, DownloadRequest request, Map<String, String> hashes,
            Control control, Tracker tracker) {
        this.env = env;
        this.store = store;
        this.request = request;
        this.hashes = hashes;
        this.control = control;
        this.tracker = tracker;
        this.id = request.id();
    }

    Path run() throws DownloadException, InterruptedException {
        try {
            store.prepare();
            Optional<Path> done = alreadyComplete();
            if (done.isPresent()) {
                tracker.state(DownloadState.COMPLETE, "", request.length(), 0);
                return done.get();
            }
            PartialFile part = open();
            try (part) {
                return attempts(part);
            } catch (DownloadException e) {
                if (e.reason() == Reason.INTEGRITY || e.reason() == Reason.DISCARDED) {
                    part.close();
                    store.delete(id);
                }
                throw e;
            }
        } catch (IOException e) {
            throw new DownloadException(Reason.STORAGE, "download " + id + ": cannot use the downloads folder "
                    + store.dir() + ": " + e, e);
        }
    }

    private Optional<Path> alreadyComplete() throws IOException {
        Optional<PartialState> saved = store.load(id);
        if (saved.isEmpty()) {
            return Optional.empty();
        }
        PartialState s = saved.get();
        if (!s.sameArtifact(request, hashes)) {
            LOG.info("Download {}: the request names another artifact than the kept data ({} bytes, {}); "
                    + "starting over", id, s.length(), s.hashes());
            store.delete(id);
            return Optional.empty();
        }
        Path file = store.complete(id);
        // Not through a link: only a file this downloader checked and renamed may be handed on.
        if (s.complete() && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                && Files.size(file) == request.length()) {
            return Optional.of(file);
        }
        if (s.complete()) {
            LOG.warn("Download {}: the checked file {} is gone or changed; downloading it again", id, file);
            store.delete(id);
        }
        return Optional.empty();
    }

    /** The partial data at its checkpoint, or new partial data if there is none or it cannot be continued. */
    private PartialFile open() throws IOException {
        Optional<PartialState> saved = store.load(id);
        if (saved.isPresent()) {
            try {
                PartialFile part = PartialFile.open(store, saved.get());
                LOG.info("Download {}: resuming at byte {} of {}", id, part.offset(), part.length());
                return part;
            } catch (IOException | IllegalArgumentException e) {
                LOG.warn("Download {}: cannot continue the kept partial data, starting over: {}", id, e.getMessage());
            }
        }
        store.delete(id);
        PartialState fresh = PartialState.start(request, hashes);
        store.save(fresh);
        return PartialFile.open(store, fresh);
    }

    private Path attempts(PartialFile part) throws DownloadException, IOException, InterruptedException {
        Mirrors mirrors = new Mirrors(request.urls());
        long furthest = part.offset();
        long lastProgress = System.nanoTime();
        long offlineNanos = 0;
        int failures = 0;
        boolean startedOver = false;
        String last = "";
        try {
            while (true) {
                stopIfAsked(part);
                if (part.offset() == part.length()) {
                    return finish(part, mirrors.current());
                }
                Transfer.Context cx = env.context();
                Settings s = cx.settings();
                long budget = s.giveUpAfter().toNanos();
                NetworkGate.Verdict verdict = NetworkGate.verdict(env.network(), s.meteredPolicy());
                if (verdict != NetworkGate.Verdict.GO) {
                    long waitedNow = waitForNetwork(part, s, verdict);
                    if (verdict == NetworkGate.Verdict.OFFLINE) {
                        offlineNanos += waitedNow;
                    }
                    long waited = verdict == NetworkGate.Verdict.OFFLINE ? offlineNanos
                            : System.nanoTime() - lastProgress - offlineNanos;
                    if (waited > budget) {
                        throw new DownloadException(Reason.OFFLINE, "download " + id + ": "
                                + (verdict == NetworkGate.Verdict.OFFLINE ? "no network" : "no unmetered network")
                                + " for " + s.giveUpAfter() + " (giveUpAfter)");
                    }
                    continue;
                }
                checkSpace(s, part);
                URI url = mirrors.current();
                tracker.attempt(url.toString());
                tracker.state(DownloadState.RUNNING, last, part.offset(), part.refetched());
                long before = part.offset() + part.refetched();
                try {
                    new Transfer(cx, id, control, part, tracker).run(url);
                } catch (AttemptFailure f) {
                    last = f.getMessage();
                    if (part.offset() > furthest) {
                        furthest = part.offset();
                        lastProgress = System.nanoTime();
                        offlineNanos = 0;
                    }
                    switch (f.kind()) {
                        case MIRROR_REFUSED -> refuse(mirrors, f.getMessage());
                        case START_OVER -> {
                            if (startedOver) {
                                refuse(mirrors, f.getMessage());
                            } else {
                                LOG.info("{}; starting over", f.getMessage());
                                startedOver = true;
                                part.restart();
                            }
                        }
                        case TEMPORARY -> {
                            failures = part.offset() + part.refetched() > before ? 1 : failures + 1;
                            if (part.sinceCheckpoint() > 0) {
                                part.checkpoint();
                            }
                            mirrors.failed();
                            Duration delay = env.backoff().delay(s.retryDelay(), s.maxRetryDelay(), failures);
                            if (f.retryAfter().compareTo(delay) > 0) {
                                delay = f.retryAfter();
                            }
                            long used = System.nanoTime() - lastProgress - offlineNanos;
                            if (used + delay.toNanos() > budget) {
                                throw new DownloadException(Reason.UNREACHABLE, "download " + id + ": gave up after "
                                        + tracker.attempts() + " attempts: no new data for " + s.giveUpAfter()
                                        + " online (giveUpAfter); last failure: " + f.getMessage(), f);
                            }
                            LOG.info("{}; attempt {} failed, next in {} ms", f.getMessage(), tracker.attempts(),
                                    delay.toMillis());
                            tracker.state(DownloadState.RETRYING, f.getMessage(), part.offset(), part.refetched());
                            control.sleep(delay.toNanos());
                        }
                    }
                }
            }
        } catch (InterruptedException e) {
            part.checkpoint();
            throw e;
        }
    }

    private void refuse(Mirrors mirrors, String why) throws DownloadException {
        LOG.warn("{}; not using this URL again for this download", why);
        mirrors.refuse(why);
        if (mirrors.allRefused()) {
            throw new DownloadException(Reason.BAD_RESPONSE, "download " + id + ": every URL was refused: "
                    + mirrors.refusals());
        }
    }

    private long waitForNetwork(PartialFile part, Settings s, NetworkGate.Verdict verdict)
            throws InterruptedException {
        tracker.state(DownloadState.WAITING_FOR_NETWORK, verdict == NetworkGate.Verdict.OFFLINE ? "no network"
                : "only a metered network, and meteredPolicy is defer", part.offset(), part.refetched());
        long start = System.nanoTime();
        control.sleep(s.networkCheckInterval().toNanos());
        return System.nanoTime() - start;
    }

    private void checkSpace(Settings s, PartialFile part) throws DownloadException, IOException {
        long remaining = part.length() - part.offset();
        long free = env.space().usableBytes(store.dir());
        if (free < remaining + s.reserveBytes()) {
            throw new DownloadException(Reason.NO_SPACE, "download " + id + " needs " + remaining
                    + " more bytes plus a reserve of " + s.reserveBytes() + " (reserveBytes) in " + store.dir()
                    + ", but only " + free + " are free");
        }
    }

    private void stopIfAsked(PartialFile part) throws DownloadException, IOException {
        Control.Stop stop = control.stopReason();
        if (stop == null) {
            return;
        }
        if (stop == Control.Stop.DISCARD) {
            throw new DownloadException(Reason.DISCARDED, "download " + id + " was discarded");
        }
        part.checkpoint();
        throw new DownloadException(Reason.PAUSED, "download " + id + " "
                + (stop == Control.Stop.PAUSE ? "paused" : "stopped with the downloader") + " at byte "
                + part.offset() + " of " + part.length());
    }

    private Path finish(PartialFile part, URI url) throws DownloadException, IOException {
        String mismatch = part.finish();
        if (!mismatch.isEmpty()) {
            throw new DownloadException(Reason.INTEGRITY, "download " + id + " (last from " + url + "): " + mismatch
                    + "; the data was deleted");
        }
        LOG.info("Download {} complete: {} bytes, {} re-fetched", id, part.length(), part.refetched());
        tracker.state(DownloadState.COMPLETE, "", part.length(), part.refetched());
        return store.complete(id);
    }
}
