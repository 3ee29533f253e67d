/**
 * Checking what an update source offers: the TUF client workflow over a {@link io.updraft.verifier.MetadataTransport},
 * the trusted view of a repository it yields, target checks while streaming, and signed offline packages.
 */
@Version("1.0.0")
@Export
package io.updraft.verifier;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
