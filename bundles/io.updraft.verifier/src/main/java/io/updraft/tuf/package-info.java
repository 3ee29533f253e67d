/**
 * The Update Framework building blocks shared by the device's verifier and the release tool: canonical JSON,
 * Ed25519 and ECDSA P-256 keys in TUF's key format, signing and signature checks, and metadata envelopes.
 */
@Version("1.0.0")
@Export
package io.updraft.tuf;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
