/**
 * Installing components into A/B slots: how a component is declared ({@link io.updraft.install.ComponentSpec}),
 * the plugin points of the install flow ({@link io.updraft.install.ComponentInstaller} per install kind,
 * {@link io.updraft.install.HealthCheck} per check type, {@link io.updraft.install.ComponentCatalog} for product
 * plugins), and the services that run it ({@link io.updraft.install.InstallService},
 * {@link io.updraft.install.ServiceControl}, {@link io.updraft.install.SnapshotService}).
 */
@Version("1.0.0")
@Export
package io.updraft.install;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
