package io.updraft.installer.command.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Captures what a command prints. */
final class Output {
    /** A command's run method. */
    interface Run {
        void run(PrintStream out) throws Exception;
    }

    private Output() {
    }

    static String of(Run command) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
