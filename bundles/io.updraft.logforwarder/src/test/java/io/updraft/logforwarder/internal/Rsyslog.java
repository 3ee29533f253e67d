package io.updraft.logforwarder.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A real rsyslogd on loopback receiving RFC 5425 (TLS, octet counting) with the openssl stream driver, writing
 * every message's raw text as a JSON string per line, so messages with line breaks survive intact.
 */
final class Rsyslog implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/sbin/rsyslogd");

    private final Path dir;
    private final int port;
    private final Path output;
    private final String authMode;
    private Process process;

    /** @param authMode the driver's AuthMode: anon, or x509/certvalid to require a client certificate of the CA */
    Rsyslog(Path dir, TestPki pki, String authMode) throws Exception {
        this.dir = dir;
        this.authMode = authMode;
        this.port = freePort();
        this.output = dir.resolve("received.jsonl");
        pki.writeCa(dir.resolve("ca.pem"));
        TestPki.Issued server = pki.server();
        TestPki.writeCertificate(server, dir.resolve("server.pem"));
        TestPki.writeKey(server, dir.resolve("server.key"));
        Files.createDirectories(dir.resolve("work"));
        Files.writeString(dir.resolve("rsyslog.conf"), String.join("\n",
                "global(workDirectory=\"" + dir.resolve("work") + "\"",
                "       defaultNetstreamDriver=\"ossl\"",
                "       defaultNetstreamDriverCAFile=\"" + dir.resolve("ca.pem") + "\"",
                "       defaultNetstreamDriverCertFile=\"" + dir.resolve("server.pem") + "\"",
                "       defaultNetstreamDriverKeyFile=\"" + dir.resolve("server.key") + "\"",
                "       parser.escapeControlCharactersOnReceive=\"off\")",
                // A relay configured as the relay example asks: what it read survives its own graceful stop.
                "main_queue(queue.type=\"LinkedList\" queue.filename=\"main\" queue.saveOnShutdown=\"on\")",
                "module(load=\"imtcp\" StreamDriver.Name=\"ossl\" StreamDriver.Mode=\"1\" StreamDriver.AuthMode=\""
                        + authMode + "\")",
                "input(type=\"imtcp\" port=\"" + port + "\" address=\"127.0.0.1\")",
                "template(name=\"raw\" type=\"string\" string=\"\\\"%rawmsg:::json%\\\"\\n\")",
                "action(type=\"omfile\" file=\"" + output + "\" template=\"raw\" flushOnTXEnd=\"on\")",
                ""));
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    int port() {
        return port;
    }

    void start() throws Exception {
        process = new ProcessBuilder(BINARY.toString(), "-n", "-f", dir.resolve("rsyslog.conf").toString(), "-i",
                dir.resolve("rsyslog.pid").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > end) {
                    throw new IllegalStateException("rsyslogd did not listen on " + port + ": "
                            + Files.readString(dir.resolve("rsyslogd.out")), e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Stops it the way a service manager does (SIGTERM) and waits for it to exit. */
    void stop() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    /** The raw messages received so far. */
    List<String> received() throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.exists(output)) {
            return out;
        }
        ObjectMapper mapper = new ObjectMapper();
        String text = Files.readString(output, StandardCharsets.UTF_8);
        // rsyslogd may be halfway through appending a line: only whole lines are received messages.
        text = text.substring(0, text.lastIndexOf('\n') + 1);
        for (String line : text.split("\n")) {
            if (!line.isEmpty()) {
                out.add(mapper.readValue(line, String.class));
            }
        }
        return out;
    }

    String diagnostics() throws IOException {
        Path out = dir.resolve("rsyslogd.out");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public String toString() {
        return "rsyslogd on 127.0.0.1:" + port + " (AuthMode " + authMode + ")";
    }
}
