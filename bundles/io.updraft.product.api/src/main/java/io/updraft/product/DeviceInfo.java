package io.updraft.product;

import org.osgi.annotation.versioning.ProviderType;

/** The identity of the device this runtime runs on. */
@ProviderType
public interface DeviceInfo {

    /** Never null; stable across restarts. */
    DeviceIdentity identity();
}
