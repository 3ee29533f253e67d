/**
 * File primitives shared by the bundles: crash-safe writes for files kept across power cuts (what each method
 * leaves on disk when the power fails at any instant is said on the method), deletion of trees that cannot be
 * redirected by links swapped in, block device probing, byte counting and recognition of a full file system.
 */
@Version("1.3.0")
@Export
package io.updraft.fs;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
