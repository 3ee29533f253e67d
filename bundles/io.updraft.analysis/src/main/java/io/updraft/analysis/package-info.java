/**
 * Analysis of the device's stored telemetry and logs: rolling statistics per metric, anomalies, error-rate changes,
 * trends and forecasts, correlations, and the actionable insights drawn from them with their evidence.
 */
@Version("1.0.0")
@Export
package io.updraft.analysis;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
