package io.updraft.health.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.osgi.service.component.annotations.Component;

import io.updraft.install.ComponentSpec;
import io.updraft.install.HealthCheck;
import io.updraft.install.HealthCheckSpec;
import io.updraft.install.HealthResult;
import io.updraft.update.Version;

/**
 * Health check {@code http}: a GET of the target URL answers with an expected status ({@code params.expectStatus},
 * default {@code 200-399}) and, if {@code params.expectBody} is set, a body whose first 64 KiB contain it. TLS is
 * verified against the JVM's trust store. Redirects are followed only on the same scheme, host and port, so a check
 * never ends up vouching for another server.
 */
@Component(service = HealthCheck.class)
public final class HttpCheck implements HealthCheck {
    static final String TYPE = "http";
    static final String DEFAULT_STATUS = "200-399";
    static final int BODY_LIMIT = 64 * 1024;
    private static final int MAX_REDIRECTS = 5;

    /** One client per timeout in use: the connect timeout is a client setting, and clients are costly to make. */
    private final ConcurrentMap<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public HealthResult check(ComponentSpec component, HealthCheckSpec check, Path activeSlot, Version version)
            throws InterruptedException {
        URI url = target(check);
        StatusRanges expected = StatusRanges.parse(check.name(), check.params().getOrDefault("expectStatus", DEFAULT_STATUS));
        String expectBody = check.params().getOrDefault("expectBody", "");
        HttpClient client = clients.computeIfAbsent(check.timeout(), HttpCheck::client);
        long deadline = System.nanoTime() + check.timeout().toNanos();
        URI current = url;
        for (int hop = 0;; hop++) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return HealthResult.unhealthy("no answer from " + current + " within " + check.timeout());
            }
            HttpRequest request = HttpRequest.newBuilder(current).timeout(Duration.ofNanos(left))
                    .header("User-Agent", "Updraft health check").GET().build();
            // The request timeout ends when the headers arrive; waiting on the whole exchange, body included, keeps
            // a server that stalls in the middle of its body within the check's timeout too.
            int bodyLimit = expectBody.isEmpty() ? 0 : BODY_LIMIT;
            CompletableFuture<HttpResponse<byte[]>> exchange = client.sendAsync(request,
                    info -> new LimitedBody(bodyLimit));
            HttpResponse<byte[]> response;
            try {
                response = exchange.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                exchange.cancel(true);
                return HealthResult.unhealthy("no answer from " + current + " within " + check.timeout());
            } catch (InterruptedException e) {
                exchange.cancel(true);
                throw e;
            } catch (ExecutionException e) {
                if (e.getCause() instanceof HttpTimeoutException) {
                    return HealthResult.unhealthy("no answer from " + current + " within " + check.timeout());
                }
                return HealthResult.unhealthy("cannot reach " + current + ": " + describe(e.getCause()));
            }
            Optional<URI> next = sameOriginRedirect(current, response);
            if (next.isPresent() && hop < MAX_REDIRECTS) {
                current = next.get();
                continue;
            }
            int status = response.statusCode();
            String seen = "HTTP " + status + " from " + current;
            if (!expected.contains(status)) {
                return HealthResult.unhealthy(seen + ", expected " + expected);
            }
            if (!expectBody.isEmpty() && !new String(response.body(), StandardCharsets.UTF_8).contains(expectBody)) {
                return HealthResult.unhealthy(seen + " without '" + expectBody + "' in the first "
                        + BODY_LIMIT / 1024 + " KiB of its body");
            }
            return HealthResult.healthy(seen);
        }
    }

    static URI target(HealthCheckSpec check) {
        String t = check.target().strip();
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("health check " + check.name() + ": target '" + t + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("health check " + check.name() + ": target '" + t
                    + "' must be an http:// or https:// URL with a host");
        }
        return uri;
    }

    private static HttpClient client(Duration timeout) {
        return HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    private static Optional<URI> sameOriginRedirect(URI from, HttpResponse<?> response) {
        int s = response.statusCode();
        if (s != 301 && s != 302 && s != 303 && s != 307 && s != 308) {
            return Optional.empty();
        }
        Optional<String> location = response.headers().firstValue("Location");
        if (location.isEmpty()) {
            return Optional.empty();
        }
        URI to;
        try {
            to = from.resolve(new URI(location.get().strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
        boolean same = from.getScheme().equalsIgnoreCase(to.getScheme()) && to.getHost() != null
                && from.getHost().equalsIgnoreCase(to.getHost()) && port(from) == port(to);
        return same ? Optional.of(to) : Optional.empty();
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    /** The JDK client often throws exceptions without message (a refused connection is a bare ConnectException). */
    private static String describe(Throwable e) {
        String message = null;
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (message == null && t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
            root = t;
        }
        String name = e.getClass().getSimpleName();
        if (message != null) {
            return name + ": " + message;
        }
        return root == e ? name : name + " (" + root.getClass().getSimpleName() + ")";
    }
}
