package io.updraft.scheduler.command.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what a command prints. */
final class Output {
    /** A command's run method; an install may wait and so be interrupted. */
    interface Run {
        void run(PrintStream out) throws InterruptedException;
    }

    private Output() {
    }

    static String of(Run command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            command.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            throw new AssertionError("no test interrupts a command", e);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
