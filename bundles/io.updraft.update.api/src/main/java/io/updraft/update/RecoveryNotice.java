package io.updraft.update;

import java.time.Instant;

/**
 * A problem found in stored state at start and what was done about it, kept so operators see it.
 *
 * @param at when it was found
 * @param file the state file concerned
 * @param problem what was wrong
 * @param action what the store did
 */
public record RecoveryNotice(Instant at, String file, String problem, String action) {
}
