/**
 * Parsing of configuration values shared by the bundles: durations ({@code 30s}, {@code PT30S}), sizes
 * ({@code 16MiB}) and lists, with errors that name the setting and the value.
 */
@Version("1.1.0")
@Export
package io.updraft.config;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
