package io.updraft.services.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Runs a short-lived program to its end, e.g. {@code systemctl}; tests put a fake in its place. */
interface CommandRunner {

    /**
     * @param exitCode the program's exit code, or -1 when it timed out
     * @param timedOut whether it was killed for running longer than allowed
     * @param output its standard output and error, merged
     */
    record Result(int exitCode, boolean timedOut, String output) {
        boolean succeeded() {
            return !timedOut && exitCode == 0;
        }
    }

    /** Runs {@code command} (program looked up on the PATH) and kills it with its children after {@code timeout}. */
    Result run(List<String> command, Duration timeout) throws IOException, InterruptedException;
}
