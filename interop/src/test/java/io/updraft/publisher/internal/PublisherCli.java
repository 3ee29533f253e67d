package io.updraft.publisher.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;

/**
 * {@code updraft-publish} as a release manager runs it, in this JVM so a test can move its clock, and its
 * {@code serve} HTTP server. Lives in the tool's package because its entry points are not an exported API.
 */
public final class PublisherCli {
    private static final SecureRandom RANDOM = new SecureRandom();

    private PublisherCli() {
    }

    /**
     * Runs one command and returns what it printed.
     *
     * @throws AssertionError with the command line and its error output if it did not exit 0
     */
    public static String run(Clock clock, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = new Main().run(List.of(args), new Context(o, e, clock, RANDOM));
        }
        if (code != Main.OK) {
            throw new AssertionError("updraft-publish " + String.join(" ", args) + " exited " + code + ": "
                    + err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A running {@code serve}: the repository's metadata/ and targets/ on a free loopback port. */
    public static final class Served implements AutoCloseable {
        private final RepositoryServer server;

        private Served(RepositoryServer server) {
            this.server = server;
        }

        /** The base URL, ending in '/', that metadata/ and targets/ are below. */
        public URI uri() {
            return server.uri();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** Starts {@code serve --repo DIR --port 0} (loopback, a free port) until the result is closed. */
    public static Served serve(Path repository) throws IOException {
        try {
            return new Served(ServeCommand.start(Arguments.parse(new ServeCommand(),
                    List.of("--repo", repository.toString(), "--port", "0"))));
        } catch (UsageException | PublishException e) {
            throw new AssertionError("updraft-publish serve --repo " + repository + " refused: " + e.getMessage(), e);
        }
    }
}
