package io.updraft.installer.internal;

import java.nio.file.Path;
import java.util.List;

import io.updraft.install.Payload;
import io.updraft.install.PayloadFile;
import io.updraft.verifier.PackageManifest;
import io.updraft.verifier.VerifiedPackage;

/** Turns a verified package into the payload an installer stages. */
final class Payloads {
    private Payloads() {
    }

    static Payload of(VerifiedPackage verified, Path directory, long packageBytes) {
        PackageManifest m = verified.manifest();
        List<PayloadFile> files = m.files().stream()
                .map(f -> new PayloadFile(f.path(), f.length(), f.sha256(), f.mode())).toList();
        return new Payload(m.release().component(), m.release().version(), m.release().install(), directory, files,
                packageBytes);
    }
}
