package io.updraft.install;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a running install or rollback stands.
 *
 * @param id the update id or rollback id
 * @param step the current step
 * @param component the component being worked on; empty between components
 * @param done bytes written in the current step
 * @param total bytes the current step will write; 0 if unknown
 * @param trialDeadline during {@link InstallStep#HEALTH_CHECKS}: when the trial fails unless all checks pass; else null
 * @param since when the step started
 */
public record InstallProgressView(String id, InstallStep step, String component, long done, long total,
        Instant trialDeadline, Instant since) {
    public InstallProgressView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(step, "step");
        component = component == null ? "" : component;
        Objects.requireNonNull(since, "since");
    }
}
