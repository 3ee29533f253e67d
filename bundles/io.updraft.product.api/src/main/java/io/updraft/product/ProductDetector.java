package io.updraft.product;

import java.nio.file.Path;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Recognises one product type from what the running system shows. A product plugin registers one; the device
 * takes the product of the detector with the highest confidence unless the product type is configured.
 */
@ConsumerType
public interface ProductDetector {

    /** The product type this detector recognises, e.g. {@code robot}. */
    String product();

    /**
     * How sure this detector is that the system under {@code systemRoot} is its product: 0 (not it) to 100
     * (certain). Must not throw; an unreadable system is 0.
     *
     * @param systemRoot the file system root to inspect, {@code /} on a device
     */
    int confidence(Path systemRoot);
}
