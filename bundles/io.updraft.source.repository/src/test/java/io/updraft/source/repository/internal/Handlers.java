package io.updraft.source.repository.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/** Well-behaved and misbehaving responses for {@link LoopbackServer}. */
final class Handlers {
    private Handlers() {
    }

    static HttpHandler bytes(byte[] body, Map<String, String> headers) {
        return exchange -> {
            headers.forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        };
    }

    /** Serves the files below {@code root} by request path; 404 for anything else. */
    static HttpHandler files(java.nio.file.Path root) {
        return exchange -> {
            java.nio.file.Path file = root.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(root) || !java.nio.file.Files.isRegularFile(file)) {
                status(404).handle(exchange);
                return;
            }
            bytes(java.nio.file.Files.readAllBytes(file), Map.of()).handle(exchange);
        };
    }

    static HttpHandler status(int status) {
        return exchange -> {
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        };
    }

    static HttpHandler redirect(int status, String location) {
        return exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        };
    }

    /** Streams zeros without end (chunked, no length), counting what it managed to send. */
    static HttpHandler endless(AtomicLong sent) {
        return exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[8192];
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    out.write(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // The client hung up, which is what the test wants.
            }
        };
    }

    /** Announces {@code length} bytes and sends {@code perTick} of them every {@code tickMillis}. */
    static HttpHandler trickle(int length, int perTick, long tickMillis) {
        return exchange -> {
            exchange.sendResponseHeaders(200, length);
            byte[] piece = new byte[perTick];
            Arrays.fill(piece, (byte) '{');
            try (OutputStream out = exchange.getResponseBody()) {
                for (int sent = 0; sent < length; sent += perTick) {
                    out.write(piece, 0, Math.min(perTick, length - sent));
                    out.flush();
                    Thread.sleep(tickMillis);
                }
            } catch (IOException | InterruptedException e) {
                // Client gone or server stopping.
            }
        };
    }

    /** Sends the status line and headers, then nothing. */
    static HttpHandler stallAfterHeaders() {
        return exchange -> {
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().flush();
            sleep(exchange);
        };
    }

    /** Accepts the request and never answers. */
    static HttpHandler silent() {
        return Handlers::sleep;
    }

    private static void sleep(HttpExchange exchange) {
        try {
            Thread.sleep(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }
}
