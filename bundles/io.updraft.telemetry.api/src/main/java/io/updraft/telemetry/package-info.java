/**
 * Telemetry: structured events in categories, the collectors that produce them, the consent a user gives per
 * category, and the anonymizer every event passes before it is stored for forwarding.
 */
@Version("1.2.0")
@Export
package io.updraft.telemetry;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
