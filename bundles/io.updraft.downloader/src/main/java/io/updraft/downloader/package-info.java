/**
 * Fetching update artifacts: resumable, throttled, hash-checked transfers from one or more mirrors into the
 * device's {@code downloads/} folder.
 */
@Version("1.1.0")
@Export
package io.updraft.downloader;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
