package io.updraft.device.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.product.DeviceIdentity;
import io.updraft.product.DeviceInfo;
import io.updraft.product.ProductDetector;

/**
 * The device identity. Device ID and hardware revision are fixed for the life of the component; the product
 * type follows the product plugins as they come and go.
 */
// Immediate so the identity (and the ID persisted on first start) is settled and logged at start, not on first use.
@Component(name = DeviceInfoComponent.PID, service = DeviceInfo.class, immediate = true,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DeviceConfig.class)
public final class DeviceInfoComponent implements DeviceInfo {
    static final String PID = "io.updraft.device";
    private static final Logger LOG = LoggerFactory.getLogger(DeviceInfoComponent.class);

    private final Path systemRoot;
    private final Optional<String> configuredProduct;
    private final DeviceId deviceId;
    private final String hardwareRevision;
    private final Set<ProductDetector> detectors = ConcurrentHashMap.newKeySet();
    // Bumped on every bind/unbind; a cached identity from an older generation is stale.
    private final AtomicLong generation = new AtomicLong();
    private volatile Cached cached;

    private record Cached(long generation, DeviceIdentity identity) {
    }

    @Activate
    public DeviceInfoComponent(DeviceConfig config) throws IOException {
        Settings settings = Settings.of(config);
        this.systemRoot = settings.systemRoot();
        this.configuredProduct = settings.product();
        this.deviceId = DeviceId.resolve(new MachineIdSource(systemRoot, settings.machineIdFiles()),
                new MacAddressSource(systemRoot), new PersistedDeviceId(settings.home(), Clock.systemUTC()));
        this.hardwareRevision = settings.hardwareRevision()
                .orElseGet(() -> new HardwareRevision(systemRoot).detect());
        DeviceIdentity identity = identity();
        LOG.info("Device identity: id {} (from {}), product {} ({}), hardware '{}'", identity.deviceId(),
                identity.deviceIdSource(), identity.product(), identity.productSource(), identity.hardwareRevision());
    }

    @Override
    public DeviceIdentity identity() {
        Cached current = cached;
        if (current != null && current.generation() == generation.get()) {
            return current.identity();
        }
        return recompute();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindProductDetector(ProductDetector detector) {
        detectors.add(detector);
        detectorsChanged();
    }

    void unbindProductDetector(ProductDetector detector) {
        detectors.remove(detector);
        detectorsChanged();
    }

    private void detectorsChanged() {
        generation.incrementAndGet();
        // Recomputed now rather than on next use so a product change shows in the log when the plugin arrives.
        identity();
    }

    private synchronized DeviceIdentity recompute() {
        long now = generation.get();
        Cached previous = cached;
        if (previous != null && previous.generation() == now) {
            return previous.identity();
        }
        ProductChoice product = ProductChoice.choose(configuredProduct, detectors, systemRoot);
        DeviceIdentity identity = new DeviceIdentity(deviceId.id(), deviceId.source(), product.product(),
                product.source(), hardwareRevision);
        if (previous != null && !product.source().equals(previous.identity().productSource())) {
            LOG.info("Device product is now {} ({}), was {} ({})", product.product(), product.source(),
                    previous.identity().product(), previous.identity().productSource());
        }
        cached = new Cached(now, identity);
        return identity;
    }
}
