package io.updraft.update;

import java.util.Objects;

/**
 * A request was refused because an update holds the device (see {@link UpdateState#isBusy()}). Kept apart from
 * other {@link StateException}s so callers can answer "try again later" instead of reporting a fault.
 */
public class DeviceBusyException extends StateException {
    private static final long serialVersionUID = 1L;

    private final UpdateState state;

    public DeviceBusyException(UpdateState state, String message) {
        super(message);
        this.state = Objects.requireNonNull(state, "state");
    }

    /** The state the device was in when the request was refused. */
    public UpdateState state() {
        return state;
    }
}
