package io.updraft.publisher.internal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The process {@link PublishKillTest} kills: runs the release tool's commands on one repository in a loop until it
 * dies, announcing each command on stdout before it starts and acknowledging it after it returned. A command that fails ends the process with its
 * output, which the test reports.
 *
 * <p>Arguments: repository, key directory, work directory, generation, the step to begin with (so that the first
 * command, slowed down by class loading, is a different one from run to run).
 */
public final class PublishKillChild {
    private PublishKillChild() {
    }

    public static void main(String[] args) throws Exception {
        // Unbuffered: one write(2) per line, so an acknowledgement is never half-written when the kill lands.
        FileOutputStream out = new FileOutputStream(FileDescriptor.out);
        PublishSteps steps = new PublishSteps(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]),
                Long.parseLong(args[3]));
        int first = Integer.parseInt(args[4]);
        for (long round = 0;; round++) {
            for (int step = round == 0 ? first : 0; step < PublishSteps.COUNT; step++) {
                out.write(("run " + step + "\n").getBytes(StandardCharsets.US_ASCII));
                steps.run(step, round);
                out.write(("done " + step + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }
    }
}
