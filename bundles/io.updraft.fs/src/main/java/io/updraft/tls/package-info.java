/**
 * TLS set-up shared by the bundles that make HTTPS connections: the JVM's trust store or a CA bundle, with
 * certificate and host name checks that cannot be turned off.
 */
@Version("1.0.0")
@Export
package io.updraft.tls;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
