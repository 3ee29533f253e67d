package io.updraft.device.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device ID with where it came from; see {@link io.updraft.product.DeviceIdentity}.
 *
 * <p>The first ID a device resolves (machine-id, else a physical MAC, else a random ID) is persisted with its
 * source and kept for good: machine-id and MAC can change under a running installation (machine-id still
 * {@code uninitialized} early in the first boot, a USB network adapter whose name sorts first, an A/B system
 * update with a new {@code /etc/machine-id}), and the device must not become a different device because of it.
 */
record DeviceId(String id, String source) {
    static final String MACHINE_ID = "machine-id";
    static final String MAC = "mac";
    static final String GENERATED = "generated";
    static final Set<String> SOURCES = Set.of(MACHINE_ID, MAC, GENERATED);
    /** 32 lowercase hex characters, whatever the source. */
    static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

    private static final Logger LOG = LoggerFactory.getLogger(DeviceId.class);

    DeviceId {
        if (!FORMAT.matcher(id).matches() || !SOURCES.contains(source)) {
            throw new IllegalArgumentException("Not a device ID: '" + id + "' from '" + source + "'");
        }
    }

    /**
     * The persisted device ID, or on first start the ID derived now and persisted durably before it is returned.
     *
     * @throws IOException if the persisted ID cannot be read or a new one cannot be persisted; the device must
     *         not run under an ID it may not have at the next start
     */
    static DeviceId resolve(MachineIdSource machineId, MacAddressSource mac, PersistedDeviceId store)
            throws IOException {
        Optional<PersistedDeviceId.Entry> persisted = store.load();
        Optional<DeviceId> live = live(machineId, mac);
        if (persisted.isPresent() && !persisted.get().legacy()) {
            DeviceId kept = persisted.get().id();
            live.filter(now -> !now.id().equals(kept.id())).ifPresent(now -> LOG.info(
                    "Keeping device ID {} (from {}) persisted in {}, although the {} now gives {}: the machine-id or"
                            + " network interfaces changed, or this system was cloned from another device",
                    kept.id(), kept.source(), store.path(), now.sourceName(), now.id()));
            return kept;
        }
        DeviceId chosen;
        if (persisted.isPresent()) {
            // Versions before the source was persisted wrote only generated IDs and reported the live machine-id
            // or MAC ID over them whenever there was one; whatever they would report now is what the server knows.
            DeviceId old = persisted.get().id();
            chosen = live.orElse(old);
            if (chosen.equals(old)) {
                LOG.info("Device ID file {} has the old format; rewriting it with the source", store.path());
            } else {
                LOG.info("Device ID file {} has the old format and a generated ID {} that earlier versions did not"
                        + " report while the {} gave one; keeping the ID {} they reported", store.path(), old.id(),
                        chosen.sourceName(), chosen.id());
            }
        } else {
            chosen = live.orElseGet(DeviceId::generate);
            LOG.info("No device ID at {}; persisting {} (from {})", store.path(), chosen.id(), chosen.source());
        }
        store.save(chosen);
        return chosen;
    }

    /** What machine-id, else a physical MAC, gives now; each only through a one-way hash (see AppSpecificId). */
    static Optional<DeviceId> live(MachineIdSource machineId, MacAddressSource mac) {
        Optional<byte[]> secret = machineId.read();
        if (secret.isPresent()) {
            return Optional.of(new DeviceId(AppSpecificId.derive(secret.get()), MACHINE_ID));
        }
        return mac.read().map(m -> new DeviceId(AppSpecificId.derive(m), MAC));
    }

    /** The source as a log message names it. */
    String sourceName() {
        return source.equals(MAC) ? "MAC" : source;
    }

    static DeviceId generate() {
        return new DeviceId(UUID.randomUUID().toString().replace("-", ""), GENERATED);
    }
}
