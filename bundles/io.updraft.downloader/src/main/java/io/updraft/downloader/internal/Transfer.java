package io.updraft.downloader.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.downloader.DownloadException;

/**
 * One attempt to receive the rest of an artifact from one URL: a GET for the bytes after the partial data's
 * offset, guarded by the validators of the copy they came from, streamed through the throttle into the partial
 * file. Ends when the artifact is complete (not yet checked), when the download is asked to stop, or with an
 * {@link AttemptFailure} saying what to do next; a server whose answer contradicts the signed length gets
 * {@link DownloadException.Reason#INTEGRITY}.
 */
final class Transfer {
    static final int MAX_REDIRECTS = 3;
    /** Bytes taken from the body for one write: fewer system calls, and still little memory. */
    static final long WRITE_BYTES = 512 * 1024;
    private static final ByteBuffer[] NO_BUFFERS = new ByteBuffer[0];
    private static final long POLL_NANOS = 100_000_000L;
    private static final Logger LOG = LoggerFactory.getLogger(Transfer.class);

    /** What an attempt works with. */
    record Context(HttpClient client, Settings settings, Throttle throttle, LinkQuality link, Clock clock,
            String userAgent) {
    }

    private final Context cx;
    private final String id;
    private final Control control;
    private final PartialFile part;
    private final Tracker tracker;
    private boolean newCopy;

    Transfer(Context cx, String id, Control control, PartialFile part, Tracker tracker) {
        this.cx = cx;
        this.id = id;
        this.control = control;
        this.part = part;
        this.tracker = tracker;
    }

    /**
     * Whether this attempt dropped the partial data because the server answered with the whole of another copy than
     * the one the kept data came from (its validators differ), and went on with that copy from byte 0.
     */
    boolean newCopy() {
        return newCopy;
    }

    void run(URI url) throws AttemptFailure, DownloadException, IOException, InterruptedException {
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = open(url);
        if (response == null) {
            return;
        }
        if (accept(url, response)) {
            receive(url, response);
        }
    }

    /** Sends the GET, following redirects the URL policy allows; null if stopped meanwhile. */
    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> open(URI url) throws AttemptFailure, InterruptedException {
        URI current = url;
        for (int redirects = 0;; redirects++) {
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(request(current));
            if (response == null || !isRedirect(response.statusCode())) {
                return response;
            }
            discard(response);
            String location = response.headers().firstValue("Location").orElse(null);
            if (location == null) {
                throw AttemptFailure.refused("GET " + current + ": HTTP " + response.statusCode()
                        + " without a Location header");
            }
            if (redirects == MAX_REDIRECTS) {
                throw AttemptFailure.refused("GET " + url + " was redirected more than " + MAX_REDIRECTS + " times");
            }
            URI next;
            try {
                next = current.resolve(location.strip());
            } catch (IllegalArgumentException e) {
                throw AttemptFailure.refused("GET " + current + ": bad Location '" + location + "'");
            }
            String refusal = cx.settings().urlPolicy().redirectRefusal(current, next);
            if (refusal != null) {
                throw AttemptFailure.refused(refusal);
            }
            current = next;
        }
    }

    private HttpRequest request(URI url) {
        HttpRequest.Builder b = HttpRequest.newBuilder(url).GET()
                .timeout(cx.settings().readTimeout())
                .header("User-Agent", cx.userAgent());
        if (part.offset() > 0) {
            b.header("Range", "bytes=" + part.offset() + "-");
            // Without If-Range a server whose copy changed would send the rest of the new one after ours.
            String validator = part.etag() != null ? part.etag() : part.lastModified();
            if (validator != null) {
                b.header("If-Range", validator);
            }
        }
        return b.build();
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(HttpRequest request)
            throws AttemptFailure, InterruptedException {
        CompletableFuture<HttpResponse<Flow.Publisher<List<ByteBuffer>>>> pending = cx.client()
                .sendAsync(request, HttpResponse.BodyHandlers.ofPublisher());
        try {
            while (true) {
                if (control.stopped()) {
                    pending.cancel(true);
                    return null;
                }
                try {
                    return pending.get(POLL_NANOS, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    // Poll again: the stop request is checked between waits.
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String what = "GET " + request.uri();
            if (cause instanceof HttpConnectTimeoutException) {
                throw AttemptFailure.temporary(what + ": no connection within "
                        + cx.settings().connectTimeout().toMillis() + " ms", cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw AttemptFailure.poorLink(what + ": no response within "
                        + cx.settings().readTimeout().toMillis() + " ms", cause);
            }
            throw AttemptFailure.temporary(what + " failed: " + reason(cause), cause);
        }
    }

    /**
     * Checks status and headers against what was asked for and sets the partial data up for the body.
     *
     * @return whether a body follows that belongs to the artifact
     */
    private boolean accept(URI url, HttpResponse<Flow.Publisher<List<ByteBuffer>>> response)
            throws AttemptFailure, DownloadException, IOException {
        int status = response.statusCode();
        long offset = part.offset();
        long length = part.length();
        String what = "download " + id + ": GET " + url;
        if (status == 206 && offset > 0) {
            ResponseHeaders.ContentRange range = ResponseHeaders.contentRange(response.headers()).orElse(null);
            if (range == null) {
                discard(response);
                throw AttemptFailure.refused(what + ": HTTP 206 without a valid Content-Range (got '"
                        + response.headers().firstValue("Content-Range").orElse("") + "')");
            }
            if (range.total() != length) {
                discard(response);
                throw new DownloadException(DownloadException.Reason.INTEGRITY, what + ": the server's copy has "
                        + range.total() + " bytes, the signed length is " + length);
            }
            if (range.start() != offset || range.end() != length - 1) {
                discard(response);
                throw AttemptFailure.refused(what + ": asked for bytes " + offset + "-" + (length - 1)
                        + ", got Content-Range bytes " + range.start() + "-" + range.end() + "/" + range.total());
            }
            String changed = changedValidator(response);
            if (changed != null) {
                discard(response);
                throw AttemptFailure.newCopy(what + ": answered a range request from byte " + offset
                        + " with 206 although " + changed + " (If-Range ignored)");
            }
            keepValidators(response);
            return true;
        }
        if (status == 200) {
            OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
            if (declared.isPresent() && declared.getAsLong() != length) {
                discard(response);
                throw new DownloadException(DownloadException.Reason.INTEGRITY, what + ": Content-Length "
                        + declared.getAsLong() + " differs from the signed length " + length);
            }
            if (offset > 0) {
                String changed = changedValidator(response);
                LOG.info("Download {}: {} answered a range request from byte {} with the whole file ({}); "
                        + "starting over", id, url, offset, changed != null ? changed : "ranges ignored");
                newCopy = changed != null;
                part.restart();
            }
            part.validators(ResponseHeaders.strongEtag(response.headers()),
                    ResponseHeaders.lastModified(response.headers()));
            return true;
        }
        discard(response);
        if (status == 416) {
            if (offset == length) {
                return false;
            }
            throw AttemptFailure.startOver(what + ": HTTP 416 for bytes from " + offset + " of " + length);
        }
        if (status == 429 || status == 503) {
            throw AttemptFailure.busy(what + ": HTTP " + status, ResponseHeaders.retryAfter(response.headers(),
                    cx.clock().instant(), cx.settings().maxRetryDelay()));
        }
        if (status == 408 || status >= 500) {
            throw AttemptFailure.temporary(what + ": HTTP " + status, null);
        }
        throw AttemptFailure.refused(what + ": HTTP " + status);
    }

    /**
     * How the validators of a partial answer contradict those of the kept data, or null. A server that ignores
     * If-Range sends the rest of its new copy after our old bytes; the hash would refuse the mix only at the end.
     */
    private String changedValidator(HttpResponse<?> response) {
        String etag = ResponseHeaders.strongEtag(response.headers());
        if (etag != null && part.etag() != null && !etag.equals(part.etag())) {
            return "the ETag changed from " + part.etag() + " to " + etag;
        }
        String lastModified = ResponseHeaders.lastModified(response.headers());
        if (part.etag() == null && lastModified != null && part.lastModified() != null
                && !lastModified.equals(part.lastModified())) {
            return "Last-Modified changed from " + part.lastModified() + " to " + lastModified;
        }
        return null;
    }

    private void keepValidators(HttpResponse<?> response) {
        String etag = ResponseHeaders.strongEtag(response.headers());
        String lastModified = ResponseHeaders.lastModified(response.headers());
        part.validators(etag != null ? etag : part.etag(), lastModified != null ? lastModified : part.lastModified());
    }

    private void receive(URI url, HttpResponse<Flow.Publisher<List<ByteBuffer>>> response)
            throws AttemptFailure, DownloadException, IOException, InterruptedException {
        BodyStream body = new BodyStream();
        response.body().subscribe(body);
        int[] batches = new int[1];
        SpeedGuard guard = new SpeedGuard(cx.settings(), cx.throttle(), System.nanoTime());
        long cleanMark = System.nanoTime();
        String what = "download " + id + ": GET " + url;
        try {
            while (!control.stopped()) {
                List<ByteBuffer> batch;
                try {
                    batch = body.next(POLL_NANOS, writeBytes(), batches);
                } catch (IOException e) {
                    throw failure(what + ": cut after " + guard.received() + " bytes: " + reason(e), e, guard);
                }
                long now = System.nanoTime();
                if (batch == BodyStream.END) {
                    break;
                }
                if (batch != null) {
                    write(what, batch, guard);
                    now = System.nanoTime();
                    guard.data(now);
                    body.more(batches[0]);
                }
                String slow = guard.check(now);
                if (slow != null) {
                    throw failure(what + ": " + slow, null, guard);
                }
                if (now - cleanMark >= POLL_NANOS) {
                    cx.link().clean(now - cleanMark);
                    cleanMark = now;
                }
            }
        } finally {
            body.cancel();
        }
        if (!control.stopped() && part.offset() < part.length()) {
            throw failure(what + ": the response ended after " + part.offset() + " of " + part.length() + " bytes",
                    null, guard);
        }
    }

    /**
     * Writes the client's buffers as they are (no copy into a chunk of our own) with one gathering write: the
     * throttle, the progress and the checkpoint are looked at once per write, not per buffer.
     */
    private void write(String what, List<ByteBuffer> batch, SpeedGuard guard)
            throws DownloadException, IOException, InterruptedException {
        long n = 0;
        for (ByteBuffer b : batch) {
            n += b.remaining();
        }
        if (n == 0) {
            return;
        }
        if (part.offset() + n > part.length()) {
            throw new DownloadException(DownloadException.Reason.INTEGRITY, what
                    + ": the server sent more than the signed length of " + part.length() + " bytes");
        }
        cx.throttle().acquire(n, control::stopped);
        part.append(batch.toArray(NO_BUFFERS), n);
        guard.count(n);
        tracker.progress(part.offset(), part.refetched());
        if (part.sinceCheckpoint() >= cx.settings().checkpointBytes()) {
            part.checkpoint();
        }
    }

    /** Under a rate limit, an eighth of a second's worth, so the throttle and the progress stay smooth. */
    private long writeBytes() {
        long rate = cx.throttle().rate();
        return rate == 0 ? WRITE_BYTES : Math.max(1, Math.min(WRITE_BYTES, rate / 8));
    }

    private AttemptFailure failure(String message, Throwable cause, SpeedGuard guard) {
        cx.link().poor(guard.averageRate(System.nanoTime()));
        return AttemptFailure.poorLink(message, cause);
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** The first message in the cause chain: the client's ConnectException, for one, has none of its own. */
    static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    /** Gives up a body that is not wanted, so the client does not read it. */
    private static void discard(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
        BodyStream unwanted = new BodyStream();
        unwanted.cancel();
        response.body().subscribe(unwanted);
    }
}
