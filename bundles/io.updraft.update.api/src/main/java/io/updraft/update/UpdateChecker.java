package io.updraft.update;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks the selected update source for newer compatible releases, periodically and on demand. Results are kept
 * in the device state and announced on EventAdmin topics under {@code io/updraft/update/}.
 */
@ProviderType
public interface UpdateChecker {

    /**
     * Checks now and waits for the answer; a check already running is joined rather than started twice.
     *
     * @throws SourceException if the source gave no trustworthy answer (the failed result is still recorded)
     * @throws StateException if the device is busy with an update or the result could not be stored
     */
    CheckResult check() throws SourceException, StateException;

    /** The last completed check, also across restarts. */
    Optional<CheckResult> lastCheck();
}
