package io.updraft.downloader.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.updraft.downloader.DownloadRequest;
import io.updraft.downloader.DownloadState;
import io.updraft.downloader.DownloadStatus;
import io.updraft.downloader.Downloader;

/**
 * Keeps the status of one running download and announces it: a fresh snapshot at most every
 * {@value #STATUS_MILLIS} ms, a progress event at most every second and on every change of state.
 */
final class Tracker {
    static final long STATUS_MILLIS = 200;
    private static final long EVENT_NANOS = 1_000_000_000L;

    private final DownloadRequest request;
    private final Clock clock;
    private final Consumer<DownloadStatus> board;
    private final Supplier<EventAdmin> events;
    private final RateMeter meter = new RateMeter();
    private DownloadState state = DownloadState.RUNNING;
    private long bytes;
    private long refetched;
    private String url;
    private int attempts;
    private String problem = "";
    private long lastStatusNanos;
    private long lastEventNanos;

    Tracker(DownloadRequest request, Clock clock, Consumer<DownloadStatus> board, Supplier<EventAdmin> events) {
        this.request = request;
        this.clock = clock;
        this.board = board;
        this.events = events;
    }

    /** Bytes held, as last reported. */
    long bytes() {
        return bytes;
    }

    long refetched() {
        return refetched;
    }

    int attempts() {
        return attempts;
    }

    void attempt(String newUrl) {
        attempts++;
        url = newUrl;
    }

    /** A change of state: announced at once. */
    void state(DownloadState newState, String newProblem, long newBytes, long newRefetched) {
        boolean changed = newState != state;
        state = newState;
        problem = newProblem == null ? "" : newProblem;
        bytes = newBytes;
        refetched = newRefetched;
        if (newState != DownloadState.RUNNING) {
            meter.reset();
        }
        publish(System.nanoTime(), changed);
    }

    /** Data arrived; announced when the last announcement is old enough. */
    void progress(long newBytes, long newRefetched) {
        bytes = newBytes;
        refetched = newRefetched;
        long now = System.nanoTime();
        meter.sample(now, newBytes);
        if (now - lastStatusNanos >= STATUS_MILLIS * 1_000_000) {
            publish(now, false);
        }
    }

    DownloadStatus status(long now) {
        long rate = state == DownloadState.RUNNING ? meter.rate(now, bytes) : 0;
        Duration eta = rate > 0 ? Duration.ofSeconds((request.length() - bytes + rate - 1) / rate) : null;
        return new DownloadStatus(request.id(), request.updateId(), request.component(), state, bytes,
                request.length(), rate, eta, url, attempts, refetched, problem, clock.instant());
    }

    private void publish(long now, boolean stateChanged) {
        DownloadStatus s = status(now);
        lastStatusNanos = now;
        board.accept(s);
        if (stateChanged || now - lastEventNanos >= EVENT_NANOS) {
            lastEventNanos = now;
            post(s);
        }
    }

    private void post(DownloadStatus s) {
        EventAdmin admin = events.get();
        if (admin == null) {
            return;
        }
        Map<String, Object> p = new HashMap<>();
        p.put("id", s.id());
        p.put("updateId", s.updateId());
        p.put("component", s.component());
        p.put("phase", "download");
        p.put("done", s.bytes());
        p.put("total", s.total());
        p.put("bytesPerSecond", s.bytesPerSecond());
        p.put("etaSeconds", s.eta() == null ? -1L : s.eta().toSeconds());
        p.put("state", s.state().name());
        admin.postEvent(new Event(Downloader.PROGRESS_TOPIC, p));
    }
}
