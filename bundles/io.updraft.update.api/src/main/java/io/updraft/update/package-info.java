/**
 * The update model and the services of the update flow: components and their SemVer versions, releases,
 * the update state machine, progress, and the durable device state.
 */
@Version("1.2.0")
@Export
package io.updraft.update;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
