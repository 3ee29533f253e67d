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
 * progress: it counts from the end of the last attempt that took the partial data further into the server's copy
 * than it had been in this call, or from the start of the call until one has. A long download over a slow link that
 * is cut now and then thus goes on for as long as it gets further, and one that gets nowhere gives up after the
 * budget. The backoff grows the same way: with each attempt that brings no new data, back to its first delay after
 * one that does.
 * <p>
 * Bytes fetched again after starting over are new data only past the point reached before: a server that ignores
 * the range asked for and cuts every connection at the same byte gets no further, and is given up. A start-over
 * because the server's copy changed (its strong ETag, or its Last-Modified where there is no ETag, differs from the
 * kept data's, as when a mirror is resynced) is different: the kept data is worthless, and the new copy is new data
 * from its first byte. That holds for the first such change in a call only, since mirrors whose validators differ
 * for the same bytes, or a server that makes up an ETag for every answer, look the same and would be retried for
 * ever. Where the code cannot tell whether the copy changed (a server without validators, a 416 for the range asked
 * for) the start-over counts as the same copy.
 * <p>
 * Time without a network and time with only a metered network that meteredPolicy defer does not use are not spent
 * from the retry budget: each is added up on its own from the last progress (or the start of the call), and the
 * download fails as offline once either passes {@code giveUpAfter}.
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
        Progress progress = new Progress(part.offset());
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
                    long waited = progress.waited(verdict, waitForNetwork(part, s, verdict));
                    if (waited > budget) {
                        throw new DownloadException(Reason.OFFLINE, "download " + id + ": "
                                + (verdict == NetworkGate.Verdict.OFFLINE ? "no network"
                                        : "no unmetered network (meteredPolicy defer)")
                                + " for " + duration(waited) + " in all " + progress.since()
                                + ", more than giveUpAfter (" + s.giveUpAfter() + ")");
                    }
                    continue;
                }
                checkSpace(s, part);
                URI url = mirrors.current();
                tracker.attempt(url.toString());
                tracker.state(DownloadState.RUNNING, last, part.offset(), part.refetched());
                Transfer transfer = new Transfer(cx, id, control, part, tracker);
                try {
                    transfer.run(url);
                } catch (AttemptFailure f) {
                    last = f.getMessage();
                    if (transfer.newCopy()) {
                        progress.newCopy();
                    }
                    boolean further = progress.reached(part.offset());
                    switch (f.kind()) {
                        case MIRROR_REFUSED -> refuse(mirrors, f.getMessage());
                        case START_OVER -> {
                            if (startedOver) {
                                refuse(mirrors, f.getMessage());
                            } else {
                                LOG.info("{}; starting over", f.getMessage());
                                startedOver = true;
                                part.restart();
                                if (f.newCopy()) {
                                    progress.newCopy();
                                }
                            }
                        }
                        case TEMPORARY -> {
                            failures = further ? 1 : failures + 1;
                            if (part.sinceCheckpoint() > 0) {
                                part.checkpoint();
                            }
                            mirrors.failed();
                            Duration delay = env.backoff().delay(s.retryDelay(), s.maxRetryDelay(), failures);
                            if (f.retryAfter().compareTo(delay) > 0) {
                                delay = f.retryAfter();
                            }
                            long used = progress.retryingNanos();
                            if (used + delay.toNanos() > budget) {
                                throw new DownloadException(Reason.UNREACHABLE, "download " + id
                                        + ": no new data within the giveUpAfter budget of " + s.giveUpAfter() + ": "
                                        + duration(used) + " retrying " + progress.since() + ", and the next attempt,"
                                        + " due in " + duration(delay.toNanos()) + ", would come after it ("
                                        + tracker.attempts() + " attempts; last failure: " + f.getMessage() + ")", f);
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

    /**
     * A time to report, rounded up to the millisecond: one that passed the budget by less than that still reads as
     * more than the budget.
     */
    private static Duration duration(long nanos) {
        return Duration.ofMillis((nanos + 999_999) / 1_000_000);
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

    /**
     * How far one call has got, and what it has spent since it last got further: the time retrying (attempts and the
     * waits between them, which the retry budget limits), the time without a network, and the time with only a
     * metered one that meteredPolicy defer does not use. Each is counted on its own, so each way of giving up reports
     * its own time, and all start again from zero whenever an attempt takes the data further.
     */
    private static final class Progress {
        /** The furthest offset reached in the server's current copy: bytes fetched again up to it are not new. */
        private long furthest;
        private long lastNanos = System.nanoTime();
        private long offlineNanos;
        private long meteredNanos;
        private boolean gotFurther;
        private boolean newCopySeen;

        Progress(long offset) {
            furthest = offset;
        }

        /**
         * The partial data was dropped for a copy of the artifact that differs from the one it came from: that copy
         * is new data from its first byte. Only the first time in a call: mirrors whose validators differ, or a
         * server that makes up a new ETag for every answer, would otherwise have the same bytes count as new at
         * every attempt, and a server that cuts every connection at the same byte retried for ever.
         */
        void newCopy() {
            if (!newCopySeen) {
                newCopySeen = true;
                furthest = 0;
            }
        }

        /** @return whether {@code offset} is further than the data has been: progress, which resets the counts */
        boolean reached(long offset) {
            if (offset <= furthest) {
                return false;
            }
            furthest = offset;
            lastNanos = System.nanoTime();
            offlineNanos = 0;
            meteredNanos = 0;
            gotFurther = true;
            return true;
        }

        /** @return the time without a network, or without an unmetered one, since the last progress */
        long waited(NetworkGate.Verdict verdict, long nanos) {
            if (verdict == NetworkGate.Verdict.OFFLINE) {
                offlineNanos += nanos;
                return offlineNanos;
            }
            meteredNanos += nanos;
            return meteredNanos;
        }

        /** The time since the last progress spent on attempts and the waits between them. */
        long retryingNanos() {
            return System.nanoTime() - lastNanos - offlineNanos - meteredNanos;
        }

        /** Since when the counts run. */
        String since() {
            return gotFurther ? "since the download last got new data" : "since this download call began";
        }
    }
}
