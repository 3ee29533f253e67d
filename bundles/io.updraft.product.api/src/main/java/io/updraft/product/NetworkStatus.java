package io.updraft.product;

import java.util.Objects;

/**
 * The device's network as it stands now.
 *
 * @param online whether a default route over an interface that is up exists
 * @param metered whether that route goes over a metered link (cellular, tethering), where bytes cost money
 * @param defaultInterface the interface carrying the default route; empty when offline
 */
public record NetworkStatus(boolean online, boolean metered, String defaultInterface) {
    /** What is assumed when nothing reports on the network: online and not metered. */
    public static final NetworkStatus ASSUMED = new NetworkStatus(true, false, "");

    public NetworkStatus {
        Objects.requireNonNull(defaultInterface, "defaultInterface");
        if (!online && metered) {
            throw new IllegalArgumentException("an offline network cannot be metered");
        }
    }
}
