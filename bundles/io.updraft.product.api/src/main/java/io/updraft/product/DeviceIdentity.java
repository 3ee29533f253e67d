package io.updraft.product;

import java.util.Objects;

/**
 * Who this device is.
 *
 * @param deviceId stable identifier of the device, fixed at first start; derived one-way from the machine-id
 *        or a MAC address (a MAC can be found again from it by trial), or generated
 * @param deviceIdSource where the ID came from: {@code machine-id}, {@code mac} or {@code generated}
 * @param product product type, e.g. {@code robot}, {@code headset}, {@code generic}
 * @param productSource how the product type was found: {@code configured}, {@code detected:NAME} or {@code default}
 * @param hardwareRevision hardware revision, or {@code unknown}
 */
public record DeviceIdentity(String deviceId, String deviceIdSource, String product, String productSource,
        String hardwareRevision) {
    public DeviceIdentity {
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(deviceIdSource, "deviceIdSource");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(productSource, "productSource");
        Objects.requireNonNull(hardwareRevision, "hardwareRevision");
    }
}
