package io.updraft.product;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The device's power supply as it stands now.
 *
 * @param batteryPercent charge of the battery, 0-100; empty when the device has a battery whose charge is not
 *        reported
 * @param charging whether the battery is being charged right now
 * @param onExternalPower whether an external supply (mains adapter, dock, USB) is connected, charging or not; a
 *        full battery on a dock is on external power without charging
 */
public record PowerStatus(OptionalInt batteryPercent, boolean charging, boolean onExternalPower) {
    public PowerStatus {
        Objects.requireNonNull(batteryPercent, "batteryPercent");
        if (batteryPercent.isPresent() && (batteryPercent.getAsInt() < 0 || batteryPercent.getAsInt() > 100)) {
            throw new IllegalArgumentException("battery charge " + batteryPercent.getAsInt() + "% is outside 0-100");
        }
    }

    /** Whether the battery may be drained by long work: it is charging or an external supply is connected. */
    public boolean powered() {
        return charging || onExternalPower;
    }
}
