package io.updraft.update;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of the device's update state machine. One update runs at a time; every transition is recorded
 * durably before it is announced, so after a restart the device knows where it stood.
 */
public enum UpdateState {
    /** Nothing in progress. */
    IDLE,
    /** Asking the update source for new metadata. */
    CHECKING,
    /** A newer, compatible release is known and not yet being fetched. */
    UPDATE_AVAILABLE,
    /** Fetching artifacts. */
    DOWNLOADING,
    /** A download was paused by a user or a policy and keeps its partial data. */
    PAUSED,
    /** Checking hashes and signatures of fetched or offline artifacts. */
    VERIFYING,
    /** Verified artifacts wait for an install window or an explicit install. */
    READY,
    /** Writing into the inactive slot and switching. */
    INSTALLING,
    /** The new version runs; health checks decide between commit and rollback. */
    AWAITING_COMMIT,
    /** Returning components to their previous versions. */
    ROLLING_BACK,
    /** The last update did not complete; the reason is in the transition that led here. */
    FAILED;

    /** The states this state may move to. */
    public Set<UpdateState> next() {
        switch (this) {
            case IDLE:
                return EnumSet.of(CHECKING, VERIFYING, ROLLING_BACK);
            case CHECKING:
                return EnumSet.of(IDLE, UPDATE_AVAILABLE, FAILED);
            case UPDATE_AVAILABLE:
                return EnumSet.of(CHECKING, DOWNLOADING, VERIFYING, IDLE);
            case DOWNLOADING:
                return EnumSet.of(PAUSED, VERIFYING, FAILED);
            case PAUSED:
                return EnumSet.of(DOWNLOADING, FAILED);
            case VERIFYING:
                return EnumSet.of(READY, FAILED);
            case READY:
                return EnumSet.of(INSTALLING, IDLE, FAILED);
            case INSTALLING:
                return EnumSet.of(AWAITING_COMMIT, ROLLING_BACK, FAILED);
            case AWAITING_COMMIT:
                return EnumSet.of(IDLE, ROLLING_BACK);
            case ROLLING_BACK:
                return EnumSet.of(IDLE, FAILED);
            case FAILED:
                return EnumSet.of(IDLE, CHECKING, VERIFYING, ROLLING_BACK);
            default:
                throw new AssertionError(this);
        }
    }

    public boolean canMoveTo(UpdateState target) {
        return next().contains(target);
    }

    /** True while an update holds the device: a new one must not start. */
    public boolean isBusy() {
        return this != IDLE && this != FAILED && this != UPDATE_AVAILABLE;
    }
}
