/**
 * The device's local store of telemetry events and runtime logs waiting to be forwarded: named streams of
 * append-only, crash-safe segment files with rotation, compression, retention and a disk-space guard.
 */
@Version("1.0.0")
@Export
package io.updraft.logstore;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
