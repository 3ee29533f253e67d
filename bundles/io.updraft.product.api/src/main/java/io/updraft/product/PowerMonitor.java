package io.updraft.product;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reports the battery, so that an update does not start installing on a nearly empty one. The runtime ships one
 * reading the kernel's power-supply class; a product plugin may register its own (e.g. asking its battery
 * controller) with a higher service ranking, and the highest-ranked one is used.
 */
@ConsumerType
public interface PowerMonitor {
    /**
     * The power supply now; cheap enough to call before every step of an update.
     *
     * @return empty when this device reports no battery (e.g. it runs on mains power only)
     */
    Optional<PowerStatus> power();
}
