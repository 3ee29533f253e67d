package io.updraft.install;

/** Receives progress while a slot is written; called from the writing thread, must return quickly. */
@FunctionalInterface
public interface InstallProgress {
    InstallProgress NONE = (done, total) -> { };

    void bytes(long done, long total);
}
