/**
 * When updates happen: the download and install policy per product and release (now, in a maintenance window,
 * after the user's confirmation), the pre-update checks, and the decisions taken, kept across restarts.
 */
@Version("1.1.0")
@Export
package io.updraft.scheduler;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
