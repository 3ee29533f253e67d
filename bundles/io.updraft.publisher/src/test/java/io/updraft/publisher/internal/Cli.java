package io.updraft.publisher.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;

/** Runs the tool in-process with a clock the test moves, capturing its output. */
final class Cli {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    String out = "";
    String err = "";

    int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        Context context = new Context(new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8), Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());
        int code = new Main().run(Arrays.asList(args), context);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    /** Runs and fails the test with the tool's output unless it exits 0. */
    String ok(String... args) {
        int code = run(args);
        if (code != 0) {
            throw new AssertionError("updraft-publish " + String.join(" ", args) + " exited " + code + ": " + err + out);
        }
        return out;
    }
}
