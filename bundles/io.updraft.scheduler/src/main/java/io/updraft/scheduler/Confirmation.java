package io.updraft.scheduler;

import java.time.Instant;
import java.util.Objects;

/**
 * The user's answer to an update that needs one.
 *
 * @param state where the question stands
 * @param deadline when the default action applies if nobody answers; null when no answer is needed or given
 * @param defaultAction what happens at the deadline: {@code install} or {@code deny}
 * @param by who answered (e.g. {@code shell}, {@code rest}, {@code timeout}); empty while pending
 * @param at when it was answered; null while pending
 */
public record Confirmation(State state, Instant deadline, String defaultAction, String by, Instant at) {
    /** The states of the question. */
    public enum State { NOT_NEEDED, PENDING, CONFIRMED, DENIED, TIMED_OUT }

    public Confirmation {
        Objects.requireNonNull(state, "state");
        defaultAction = defaultAction == null ? "" : defaultAction;
        by = by == null ? "" : by;
    }

    /** No confirmation needed. */
    public static final Confirmation NOT_NEEDED = new Confirmation(State.NOT_NEEDED, null, "", "", null);
}
