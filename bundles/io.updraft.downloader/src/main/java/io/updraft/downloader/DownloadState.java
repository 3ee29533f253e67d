package io.updraft.downloader;

/** Where a download stands. */
public enum DownloadState {
    /** Receiving data. */
    RUNNING,
    /** Waiting before the next attempt after a temporary failure. */
    RETRYING,
    /** No network, or only a network the metered policy does not allow; waiting for one. */
    WAITING_FOR_NETWORK,
    /** Stopped on request with its partial data kept. */
    PAUSED,
    /** Partial data kept from an earlier run (e.g. before a restart); nothing running. */
    PARTIAL,
    /** Complete and checked. */
    COMPLETE,
    /** Ended for good; {@link DownloadStatus#problem()} says why. */
    FAILED
}
