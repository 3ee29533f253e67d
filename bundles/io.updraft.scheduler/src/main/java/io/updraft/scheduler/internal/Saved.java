package io.updraft.scheduler.internal;

import java.util.Map;
import java.util.Objects;

import io.updraft.scheduler.Schedule;
import io.updraft.update.Version;

/**
 * What {@code schedule.json} holds.
 *
 * @param schedule the current update's schedule, also when it ended (denied, failed); null when there never was one
 * @param denied component name to the newest version the user declined; releases up to it are not scheduled again
 */
record Saved(Schedule schedule, Map<String, Version> denied) {
    static final Saved EMPTY = new Saved(null, Map.of());

    Saved {
        denied = Map.copyOf(Objects.requireNonNull(denied, "denied"));
    }

    Saved with(Schedule s) {
        return new Saved(s, denied);
    }
}
