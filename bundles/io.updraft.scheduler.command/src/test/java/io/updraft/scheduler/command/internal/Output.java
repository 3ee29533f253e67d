package io.updraft.scheduler.command.internal;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Captures what a command prints. */
final class Output {
    private Output() {
    }

    static String of(Consumer<PrintStream> command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        command.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
