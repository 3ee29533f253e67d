package io.updraft.source.repository.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Flow;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import io.updraft.verifier.MetadataTransport;
import io.updraft.verifier.TooLargeException;
import io.updraft.tls.TlsContexts;

/**
 * Fetches a TUF repository's files over HTTP(S). HTTPS always verifies the certificate chain and the host name;
 * plain HTTP is limited by {@link UrlPolicy}. Redirects are followed by hand (at most {@value #MAX_REDIRECTS},
 * never from https to http) so every hop passes the same policy. Every body is read through a
 * {@link GuardedBody}, which enforces the byte cap and the stall, rate and deadline limits while streaming.
 */
final class HttpTransport implements MetadataTransport {
    static final int MAX_REDIRECTS = 3;

    private final Settings settings;
    private final String userAgent;
    private final HttpClient client;
    private final MetadataCache cache;

    /**
     * @param userAgent the User-Agent header, e.g. {@code updraft/1.0.0}
     * @throws IOException if the CA file cannot be read
     */
    HttpTransport(Settings settings, String userAgent) throws IOException {
        this.settings = settings;
        this.userAgent = userAgent;
        this.cache = new MetadataCache(settings.cacheDir());
        SSLContext tls = TlsContexts.forCaFile(settings.caFile());
        SSLParameters parameters = tls.getDefaultSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(tls)
                .sslParameters(parameters)
                // One GET per immutable file: HTTP/1.1 behaves the same on loopback and TLS, with no h2c upgrade.
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Optional<byte[]> fetchMetadata(String fileName, long maxLength) throws IOException {
        long cap = Math.min(maxLength, settings.caps().forFile(fileName));
        URI url = RepositoryPaths.metadata(settings.metadataUrl(), fileName);
        TransferLimits limits = TransferLimits.withDeadline(settings.readTimeout(), settings.minBytesPerSecond(),
                settings.metadataTimeout());
        Optional<MetadataCache.Entry> cached = cache.load(fileName, url);
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = get(url, limits, cached);
        int status = response.statusCode();
        if (status == 304 && cached.isPresent()) {
            discard(response);
            byte[] body = cached.get().body();
            if (body.length > cap) {
                throw new TooLargeException(url.toString(), cap);
            }
            return Optional.of(body);
        }
        if (status == 404) {
            discard(response);
            return Optional.empty();
        }
        requireOk(url, response);
        byte[] body = guarded(url, response, cap, limits).readAll();
        cache.store(fileName, url, body, response.headers().firstValue("ETag"),
                response.headers().firstValue("Last-Modified"));
        return Optional.of(body);
    }

    @Override
    public InputStream openTarget(String path, long maxLength) throws IOException {
        URI url = RepositoryPaths.target(settings.targetsUrl(), path);
        TransferLimits limits = TransferLimits.withoutDeadline(settings.readTimeout(), settings.minBytesPerSecond());
        HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = get(url, limits, Optional.empty());
        if (response.statusCode() == 404) {
            discard(response);
            throw new FileNotFoundException(url + " does not exist (HTTP 404)");
        }
        requireOk(url, response);
        return guarded(url, response, maxLength, limits);
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> get(URI url, TransferLimits limits,
            Optional<MetadataCache.Entry> cached) throws IOException {
        URI current = url;
        for (int redirects = 0;; redirects++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current).GET()
                    .timeout(limits.headerTimeout())
                    .header("User-Agent", userAgent);
            cached.flatMap(MetadataCache.Entry::etag).ifPresent(v -> request.header("If-None-Match", v));
            cached.flatMap(MetadataCache.Entry::lastModified).ifPresent(v -> request.header("If-Modified-Since", v));
            HttpResponse<Flow.Publisher<List<ByteBuffer>>> response = send(current, request.build());
            Optional<String> location = response.headers().firstValue("Location");
            if (!isRedirect(response.statusCode())) {
                return response;
            }
            discard(response);
            if (location.isEmpty()) {
                throw new IOException("GET " + current + " returned HTTP " + response.statusCode()
                        + " without a Location header");
            }
            if (redirects == MAX_REDIRECTS) {
                throw new IOException("GET " + url + " was redirected more than " + MAX_REDIRECTS + " times");
            }
            URI next;
            try {
                next = current.resolve(location.get());
                settings.policy().checkRedirect(current, next);
            } catch (IllegalArgumentException e) {
                throw new IOException("GET " + current + ": " + e.getMessage(), e);
            }
            limits.checkDeadline("GET " + url);
            current = next;
        }
    }

    private HttpResponse<Flow.Publisher<List<ByteBuffer>>> send(URI url, HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofPublisher());
        } catch (HttpConnectTimeoutException e) {
            throw new IOException("GET " + url + ": no connection within "
                    + settings.connectTimeout().toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            SlowRetrievalException slow = new SlowRetrievalException("GET " + url + ": no response within "
                    + request.timeout().orElseThrow().toMillis() + " ms");
            slow.initCause(e);
            throw slow;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("GET " + url + " interrupted");
        } catch (IOException e) {
            throw new IOException("GET " + url + " failed: " + reason(e), e);
        }
    }

    /** The first message in the cause chain: the client's ConnectException, for one, has none of its own. */
    private static String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                return t.getClass().getSimpleName() + ": " + t.getMessage();
            }
        }
        return e.getClass().getSimpleName();
    }

    private static GuardedBody guarded(URI url, HttpResponse<Flow.Publisher<List<ByteBuffer>>> response, long cap,
            TransferLimits limits) throws TooLargeException {
        OptionalLong declared = response.headers().firstValueAsLong("Content-Length");
        if (declared.isPresent() && declared.getAsLong() > cap) {
            discard(response);
            throw new TooLargeException(url + " (Content-Length " + declared.getAsLong() + ")", cap);
        }
        GuardedBody body = new GuardedBody(url.toString(), cap, limits);
        response.body().subscribe(body);
        return body;
    }

    private static void requireOk(URI url, HttpResponse<Flow.Publisher<List<ByteBuffer>>> response)
            throws IOException {
        if (response.statusCode() != 200) {
            discard(response);
            throw new IOException("GET " + url + " returned HTTP status " + response.statusCode());
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /** Gives up a body that is not wanted, so the client does not buffer it. */
    private static void discard(HttpResponse<Flow.Publisher<List<ByteBuffer>>> response) {
        response.body().subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.cancel();
            }

            @Override
            public void onNext(List<ByteBuffer> item) {
                // Cancelled on subscription; nothing is requested.
            }

            @Override
            public void onError(Throwable throwable) {
                // The body was not wanted; its failure does not matter.
            }

            @Override
            public void onComplete() {
                // Nothing to do.
            }
        });
    }
}
