package io.updraft.logforwarder.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * OTLP/HTTP with JSON encoding (POST to the logs endpoint, optionally gzip). A 2xx response is the acknowledgement;
 * its partial-success part names records the collector refused, which are counted and not offered again, as the
 * OTLP specification asks. 429, 502, 503 and 504 are retried, honouring Retry-After. 400 (the request itself is
 * refused) counts the batch as rejected; every other status is retried, because it usually means a fault of
 * configuration or service (token, path, server) that is fixed later, and the data must survive until then.
 */
final class OtlpSender implements Sender {
    private static final int SNIPPET = 300;

    private final URI url;
    private final boolean gzip;
    private final Optional<String> token;
    private final Duration timeout;
    private final OtlpJson json;
    private final RateLimiter pacer;
    private final Clock clock;
    private final HttpClient client;
    private final ObjectMapper mapper = new ObjectMapper();

    OtlpSender(Settings settings, SSLContext tls, Optional<String> token, OtlpJson json, RateLimiter pacer,
            Clock clock) {
        this.url = settings.url();
        this.gzip = settings.gzip();
        this.token = token;
        this.timeout = settings.timeout();
        this.json = json;
        this.pacer = pacer;
        this.clock = clock;
        SSLParameters parameters = tls.getDefaultSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        this.client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(tls)
                .sslParameters(parameters)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    @Override
    public Delivery send(List<Outgoing> batch) throws IOException {
        byte[] body = json.encode(batch, clock.instant());
        if (gzip) {
            body = gzip(body);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (gzip) {
            request.header("Content-Encoding", "gzip");
        }
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        pacer.acquire(body.length);
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("POST " + url + " interrupted");
        } catch (IOException e) {
            throw new IOException("POST " + url + " failed: " + reason(e), e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return partialSuccess(batch.size(), body.length, response.body());
        }
        String said = "POST " + url + " returned HTTP " + status + snippet(response.body());
        if (status == 429 || status == 502 || status == 503 || status == 504) {
            throw new RetryLaterException(said, retryAfter(response));
        }
        if (status == 400) {
            return new Delivery(0, batch.size(), body.length, said);
        }
        throw new IOException(said);
    }

    private Delivery partialSuccess(int size, long bytes, byte[] body) throws IOException {
        if (body.length == 0) {
            return new Delivery(size, 0, bytes, "");
        }
        JsonNode partial;
        try {
            partial = mapper.readTree(body).path("partialSuccess");
        } catch (IOException e) {
            // The records were taken (2xx); a response we cannot read does not make them undelivered.
            return new Delivery(size, 0, bytes, "");
        }
        long rejected = partial.path("rejectedLogRecords").asLong(0);
        String message = partial.path("errorMessage").asText("");
        if (rejected <= 0 && message.isEmpty()) {
            return new Delivery(size, 0, bytes, "");
        }
        int r = (int) Math.min(Math.max(rejected, 0), size);
        return new Delivery(size - r, r, bytes, "collector refused " + rejected + " record(s): " + message);
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> value = response.headers().firstValue("Retry-After");
        if (value.isPresent()) {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.get().strip()))));
            } catch (NumberFormatException e) {
                // An HTTP date: rare from collectors; the back-off alone decides then.
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String snippet(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, SNIPPET), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + text.replaceAll("\\s+", " ");
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

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(data);
        }
        return out.toByteArray();
    }

    @Override
    public boolean acknowledges() {
        return true;
    }

    @Override
    public void close() {
        // HttpClient holds no connection that outlives a request here worth closing by hand.
    }
}
