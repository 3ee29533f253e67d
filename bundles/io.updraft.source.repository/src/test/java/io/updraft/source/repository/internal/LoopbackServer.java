package io.updraft.source.repository.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/** The JDK's HTTP(S) server on a loopback address and a free port, for servers that misbehave on purpose. */
final class LoopbackServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-http");
        t.setDaemon(true);
        return t;
    });
    private final String scheme;

    private LoopbackServer(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.setExecutor(executor);
        server.start();
    }

    static LoopbackServer http(String address) throws IOException {
        return new LoopbackServer(HttpServer.create(new InetSocketAddress(address, 0), 0), "http");
    }

    static LoopbackServer http() throws IOException {
        return http("127.0.0.1");
    }

    static LoopbackServer https(SSLContext tls) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        return new LoopbackServer(server, "https");
    }

    LoopbackServer handle(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    /** {@code scheme://address:port/} */
    String base() {
        InetSocketAddress address = server.getAddress();
        return scheme + "://" + address.getHostString() + ":" + address.getPort() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
