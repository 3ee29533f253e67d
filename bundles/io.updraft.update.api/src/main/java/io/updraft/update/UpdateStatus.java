package io.updraft.update;

import java.time.Instant;
import java.util.Objects;

/**
 * Where the update state machine stands now.
 *
 * @param state current state, never null
 * @param updateId the update this state belongs to; empty in {@link UpdateState#IDLE} after a finished update
 * @param since when the state was entered
 * @param reason why it was entered, for people; may be empty, never null
 */
public record UpdateStatus(UpdateState state, String updateId, Instant since, String reason) {
    public UpdateStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        updateId = updateId == null ? "" : updateId;
        reason = reason == null ? "" : reason;
    }
}
