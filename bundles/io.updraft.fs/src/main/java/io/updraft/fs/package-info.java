/**
 * Crash-safe file primitives shared by the bundles that keep files across power cuts: what each method leaves
 * on disk when the power fails at any instant is said on the method.
 */
@Version("1.1.0")
@Export
package io.updraft.fs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
