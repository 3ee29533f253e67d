/**
 * The device's identity (stable device ID, product type, hardware revision) and the SPI through which product
 * plugins recognise the device they run on, and the network and power status that updates wait for.
 */
@Version("1.2.0")
@Export
package io.updraft.product;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
