package io.updraft.product;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reports whether the device is online and whether its link is metered, so transfers wait for a network and respect
 * the metered-network policy. The runtime ships one reading the kernel's routing table; a product plugin may register
 * its own (e.g. asking its connection manager) with a higher service ranking.
 */
@ConsumerType
public interface NetworkMonitor {
    /** The network now; cheap enough to call before every transfer attempt. */
    NetworkStatus network();
}
