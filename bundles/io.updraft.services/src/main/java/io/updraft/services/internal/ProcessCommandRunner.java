package io.updraft.services.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs programs with their output in a temporary file rather than a pipe, so a program that writes a lot cannot block
 * on a full pipe and none of our threads has to drain it.
 */
final class ProcessCommandRunner implements CommandRunner {
    /** Output beyond this is cut: it only ends up in messages. */
    private static final int MAX_OUTPUT = 16 * 1024;

    @Override
    public Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile("updraft-cmd", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            boolean ended;
            try {
                ended = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                kill(p);
                throw e;
            }
            if (!ended) {
                kill(p);
                return new Result(-1, true, read(out));
            }
            return new Result(p.exitValue(), false, read(out));
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
    }

    private static String read(Path out) throws IOException {
        byte[] b = Files.readAllBytes(out);
        int n = Math.min(b.length, MAX_OUTPUT);
        return new String(b, 0, n, StandardCharsets.UTF_8).strip();
    }
}
