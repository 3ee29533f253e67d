package io.updraft.logforwarder.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import com.google.protobuf.util.JsonFormat;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.logs.v1.LogRecord;

/**
 * An OTLP/HTTP logs receiver on loopback: checks the bearer token, decodes gzip, and parses every body strictly
 * (unknown fields refused) into the collector's protobuf request type; a body that fails is answered 400 and
 * recorded as a schema failure. Responses can be scripted (status codes, partial success).
 */
final class OtlpReceiver implements AutoCloseable {
    /** A scripted answer: status, body and Retry-After (null for none). */
    record Answer(int status, String body, String retryAfter) {
    }

    final List<ExportLogsServiceRequest> accepted = new CopyOnWriteArrayList<>();
    final List<String> schemaFailures = new CopyOnWriteArrayList<>();
    final List<String> encodings = new CopyOnWriteArrayList<>();
    final AtomicInteger requests = new AtomicInteger();
    final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final HttpServer server;
    private final String token;

    /** @param tls null for plain http; otherwise the server context, requiring client certificates if asked */
    OtlpReceiver(SSLContext tls, boolean needClientAuth, String token) throws IOException {
        this.token = token;
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(address, 0);
        } else {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    SSLParameters p = tls.getDefaultSSLParameters();
                    p.setNeedClientAuth(needClientAuth);
                    params.setSSLParameters(p);
                }
            });
            server = https;
        }
        server.createContext("/v1/logs", exchange -> {
            try {
                handle(exchange);
            } catch (IOException | RuntimeException | Error e) {
                // The JDK server drops the connection silently; make the cause visible in the test output.
                e.printStackTrace();
                throw e;
            }
        });
        server.start();
    }

    String url() {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort()
                + "/v1/logs";
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        byte[] raw;
        try (InputStream in = exchange.getRequestBody()) {
            raw = in.readAllBytes();
        }
        if (token != null && !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            reply(exchange, 401, "{\"message\":\"bad token\"}", null);
            return;
        }
        Answer answer = script.poll();
        if (answer != null && answer.status() / 100 != 2) {
            reply(exchange, answer.status(), answer.body(), answer.retryAfter());
            return;
        }
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        encodings.add(String.valueOf(encoding));
        String json;
        if ("gzip".equals(encoding)) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
                json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } else {
            json = new String(raw, StandardCharsets.UTF_8);
        }
        ExportLogsServiceRequest.Builder request = ExportLogsServiceRequest.newBuilder();
        try {
            JsonFormat.parser().merge(json, request);
        } catch (IOException | RuntimeException e) {
            schemaFailures.add(e.getMessage() + " in " + json);
            reply(exchange, 400, "{\"message\":\"" + e.getMessage().replace('"', '\'') + "\"}", null);
            return;
        }
        if (!"application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
            schemaFailures.add("Content-Type " + exchange.getRequestHeaders().getFirst("Content-Type"));
        }
        accepted.add(request.build());
        reply(exchange, 200, answer == null ? "{}" : answer.body(), null);
    }

    private static void reply(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", retryAfter);
        }
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Every log record received, in order. */
    List<LogRecord> records() {
        List<LogRecord> out = new ArrayList<>();
        for (ExportLogsServiceRequest r : accepted) {
            r.getResourceLogsList().forEach(rl -> rl.getScopeLogsList().forEach(sl -> out.addAll(sl.getLogRecordsList())));
        }
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
