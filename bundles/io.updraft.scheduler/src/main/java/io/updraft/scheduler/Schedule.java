package io.updraft.scheduler;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.updraft.update.Offer;

/**
 * The decisions taken for the current update, as persisted.
 *
 * @param updateId the update
 * @param offers the releases it brings, one per component
 * @param stage where it stands
 * @param download when its download may run
 * @param install when its install may run
 * @param downloadNotBefore the earliest time the download may start (start of the window for {@link When#WINDOW});
 *        null when not decided yet
 * @param installNotBefore the earliest time the install may start; null when not decided yet
 * @param confirmation the user's answer, where one is needed
 * @param blockers pre-update checks that failed, each a sentence naming the check and the values
 * @param nextAttempt when blocked or after a temporary failure: when the scheduler tries again; else null
 * @param problem the last failure's message; empty if none
 * @param updated when this was last changed
 */
public record Schedule(String updateId, List<Offer> offers, Stage stage, When download, When install,
        Instant downloadNotBefore, Instant installNotBefore, Confirmation confirmation, List<String> blockers,
        Instant nextAttempt, String problem, Instant updated) {
    public Schedule {
        Objects.requireNonNull(updateId, "updateId");
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(download, "download");
        Objects.requireNonNull(install, "install");
        Objects.requireNonNull(updated, "updated");
        offers = List.copyOf(offers);
        blockers = List.copyOf(blockers);
        confirmation = confirmation == null ? Confirmation.NOT_NEEDED : confirmation;
        problem = problem == null ? "" : problem;
    }
}
