package io.updraft.publisher.internal;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import io.updraft.verifier.MetadataTransport;
import io.updraft.verifier.TooLargeException;

/** The verifier's transport over plain HTTP to a served repository, as a device would fetch it. */
final class HttpTransport implements MetadataTransport {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    HttpTransport(URI base) {
        this.base = base;
    }

    @Override
    public Optional<byte[]> fetchMetadata(String fileName, long maxLength) throws IOException {
        HttpResponse<InputStream> response = get("metadata/" + fileName);
        try (InputStream in = response.body()) {
            if (response.statusCode() == 404) {
                return Optional.empty();
            }
            if (response.statusCode() != 200) {
                throw new IOException("GET metadata/" + fileName + ": HTTP " + response.statusCode());
            }
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxLength + 1));
            if (bytes.length > maxLength) {
                throw new TooLargeException("metadata/" + fileName, maxLength);
            }
            return Optional.of(bytes);
        }
    }

    @Override
    public InputStream openTarget(String path, long maxLength) throws IOException {
        HttpResponse<InputStream> response = get("targets/" + path);
        if (response.statusCode() != 200) {
            response.body().close();
            throw new FileNotFoundException("GET targets/" + path + ": HTTP " + response.statusCode());
        }
        return response.body();
    }

    private HttpResponse<InputStream> get(String path) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted fetching " + path, e);
        }
    }
}
