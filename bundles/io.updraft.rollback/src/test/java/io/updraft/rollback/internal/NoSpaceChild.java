package io.updraft.rollback.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import io.updraft.install.InstallException;

/**
 * Runs in its own mount namespace with a small tmpfs as the Updraft home: takes a snapshot that cannot fit and
 * prints the outcome and the files left, for {@link NoSpaceTest}.
 */
public final class NoSpaceChild {
    private NoSpaceChild() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Path.of(args[0]);
        Path slot = Path.of(args[1]);
        SnapshotComponent service = new SnapshotComponent(Fixtures.config(home, 2), Clock.systemUTC());
        try {
            service.create(Fixtures.spec("hello", "archive", List.of(), List.of()),
                    Fixtures.describe("hello", "1.0.0", slot), slot);
            System.out.println("reason=none");
        } catch (InstallException e) {
            System.out.println("reason=" + e.reason());
            System.out.println("message=" + e.getMessage());
        }
        System.out.println("left=" + Fixtures.files(home.resolve("snapshots")));
        System.out.println("listed=" + service.list("hello").size());
    }
}
