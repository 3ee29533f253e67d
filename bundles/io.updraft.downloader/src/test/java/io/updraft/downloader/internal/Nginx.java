package io.updraft.downloader.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A private nginx instance on 127.0.0.1 serving a directory, with its config, pid and logs in a temp folder. */
final class Nginx implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/nginx");
    private static final int PORT_TRIES = 5;
    private static final long START_NANOS = 10_000_000_000L;

    private record Started(Process process, int port) {
    }

    private final Process process;
    private final int port;
    private final Path prefix;

    Nginx(Path root, Path prefix) throws IOException, InterruptedException {
        this.prefix = prefix;
        Files.createDirectories(prefix.resolve("logs"));
        Started started = startOnFreePort(root, prefix);
        this.process = started.process();
        this.port = started.port();
    }

    int port() {
        return port;
    }

    Path accessLog() {
        return prefix.resolve("logs/access.log");
    }

    @Override
    public void close() throws InterruptedException {
        stop(process);
    }

    /**
     * nginx on a port that was free a moment before it started; if another process took the port meanwhile, nginx
     * cannot bind it and exits, and it is started again on another one.
     */
    private static Started startOnFreePort(Path root, Path prefix) throws IOException, InterruptedException {
        for (int attempt = 1;; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            Process p = start(root, prefix, port);
            if (p != null) {
                return new Started(p, port);
            }
            String log = Files.readString(prefix.resolve("logs/stdout.log"));
            if (!log.contains("Address already in use") || attempt == PORT_TRIES) {
                throw new IOException("nginx did not start on port " + port + " (try " + attempt + "): " + log);
            }
        }
    }

    /**
     * nginx serving on {@code port} once it has written its pid file, which it does only after binding the port (a
     * connection test could reach another process that took it); null if it exited.
     */
    private static Process start(Path root, Path prefix, int port) throws IOException, InterruptedException {
        Path pid = prefix.resolve("nginx.pid");
        Files.deleteIfExists(pid);
        String conf = """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s;
                error_log %2$s/logs/error.log warn;
                events { worker_connections 64; }
                http {
                    access_log %2$s/logs/access.log;
                    client_body_temp_path %2$s/body;
                    proxy_temp_path %2$s/proxy;
                    fastcgi_temp_path %2$s/fastcgi;
                    uwsgi_temp_path %2$s/uwsgi;
                    scgi_temp_path %2$s/scgi;
                    server {
                        listen 127.0.0.1:%3$d;
                        root %4$s;
                        location / { }
                    }
                }
                """.formatted(pid, prefix, port, root);
        Path file = prefix.resolve("nginx.conf");
        Files.writeString(file, conf);
        Process p = new ProcessBuilder(BINARY.toString(), "-p", prefix.toString(), "-c", file.toString())
                .redirectErrorStream(true).redirectOutput(prefix.resolve("logs/stdout.log").toFile()).start();
        long deadline = System.nanoTime() + START_NANOS;
        while (!Files.exists(pid)) {
            if (!p.isAlive()) {
                return null;
            }
            if (System.nanoTime() > deadline) {
                stop(p);
                throw new IOException("nginx did not start on port " + port + " within 10 s: "
                        + Files.readString(prefix.resolve("logs/stdout.log")));
            }
            Thread.sleep(20);
        }
        return p;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }
}
