package io.updraft.scheduler.internal;

import java.time.Instant;
import java.util.List;

import io.updraft.scheduler.Confirmation;
import io.updraft.scheduler.Schedule;
import io.updraft.scheduler.Stage;
import io.updraft.scheduler.When;
import io.updraft.update.Offer;

/** A schedule being changed: a copy whose fields are set one by one, then made a new {@link Schedule}. */
final class Draft {
    final String updateId;
    final List<Offer> offers;
    Stage stage;
    When download;
    When install;
    Instant downloadNotBefore;
    Instant installNotBefore;
    Confirmation confirmation;
    List<String> blockers;
    Instant nextAttempt;
    String problem;

    Draft(Schedule s) {
        updateId = s.updateId();
        offers = s.offers();
        stage = s.stage();
        download = s.download();
        install = s.install();
        downloadNotBefore = s.downloadNotBefore();
        installNotBefore = s.installNotBefore();
        confirmation = s.confirmation();
        blockers = s.blockers();
        nextAttempt = s.nextAttempt();
        problem = s.problem();
    }

    Draft stage(Stage to) {
        stage = to;
        return this;
    }

    /** Clears what a failed check or a temporary failure left: the next attempt is made at once. */
    Draft unblocked() {
        blockers = List.of();
        nextAttempt = null;
        problem = "";
        return this;
    }

    Schedule build(Instant now) {
        return new Schedule(updateId, offers, stage, download, install, downloadNotBefore, installNotBefore,
                confirmation, blockers, nextAttempt, problem, now);
    }
}
