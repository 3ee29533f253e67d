package io.updraft.installer.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;

/** Runs a component's configuration migration hook between staging and the switch. */
final class Migration {
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(Migration.class);

    private Migration() {
    }

    /** @throws InstallException {@code MIGRATION_FAILED} naming the component and the exit code or timeout */
    static void run(Item item, Duration timeout) throws InstallException, InterruptedException {
        Path staged = item.toPath();
        ProcessBuilder pb = new ProcessBuilder(item.spec().migrate())
                .directory((Files.isDirectory(staged) ? staged : item.componentDir()).toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("UPDRAFT_COMPONENT", item.name());
        env.put("UPDRAFT_FROM_VERSION", item.fromVersion() == null ? "" : item.fromVersion().toString());
        env.put("UPDRAFT_TO_VERSION", item.toVersion().toString());
        env.put("UPDRAFT_STAGED_SLOT", staged.toString());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new InstallException(Reason.MIGRATION_FAILED, "component " + item.name() + ": migration "
                    + item.spec().migrate() + " cannot start: " + e.getMessage(), e);
        }
        Thread reader = new Thread(() -> log(item.name(), p), "updraft-migrate-" + item.name());
        reader.setDaemon(true);
        reader.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new InstallException(Reason.MIGRATION_FAILED, "component " + item.name() + ": migration "
                        + item.spec().migrate() + " did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            throw e;
        }
        reader.join(1000);
        if (p.exitValue() != 0) {
            throw new InstallException(Reason.MIGRATION_FAILED, "component " + item.name() + ": migration "
                    + item.spec().migrate() + " exited with " + p.exitValue() + " (output in the log)");
        }
    }

    private static void log(String component, Process p) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                LOG.info("migration of {}: {}", component, line);
            }
        } catch (IOException e) {
            LOG.debug("migration output of {} ended: {}", component, e.getMessage());
        }
    }
}
