package io.updraft.update;

import java.time.Instant;
import java.util.Objects;

/**
 * One recorded move of the update state machine.
 *
 * @param sequence strictly increasing number of the transition on this device
 * @param from previous state
 * @param to new state
 * @param at when it happened
 * @param updateId the update concerned, may be empty
 * @param reason why, for people, may be empty
 */
public record StateTransition(long sequence, UpdateState from, UpdateState to, Instant at, String updateId, String reason) {
    public StateTransition {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        updateId = updateId == null ? "" : updateId;
        reason = reason == null ? "" : reason;
    }
}
