package io.updraft.device.internal;

import java.io.IOException;
import java.util.Optional;

/** The device ID with where it came from; see {@link io.updraft.product.DeviceIdentity}. */
record DeviceId(String id, String source) {
    static final String MACHINE_ID = "machine-id";
    static final String MAC = "mac";
    static final String GENERATED = "generated";

    /** machine-id, else a physical MAC, else a persisted random ID; the first two only through a one-way hash. */
    static DeviceId resolve(MachineIdSource machineId, MacAddressSource mac, PersistedDeviceId persisted)
            throws IOException {
        Optional<byte[]> secret = machineId.read();
        if (secret.isPresent()) {
            return new DeviceId(AppSpecificId.derive(secret.get()), MACHINE_ID);
        }
        secret = mac.read();
        if (secret.isPresent()) {
            return new DeviceId(AppSpecificId.derive(secret.get()), MAC);
        }
        return new DeviceId(persisted.loadOrCreate(), GENERATED);
    }
}
