package io.updraft.downloader;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one download.
 *
 * @param id the download's id
 * @param updateId the update it belongs to
 * @param component the component it belongs to
 * @param state where it stands
 * @param bytes bytes held on disk so far
 * @param total the artifact's length
 * @param bytesPerSecond the recent transfer rate, 0 when not receiving
 * @param eta estimated time to completion at the recent rate; null when not receiving
 * @param url the URL in use or last used; null before the first attempt
 * @param attempts connection attempts made by the current {@link Downloader#download} call
 * @param refetchedBytes bytes received but not kept (e.g. a server that ignored a Range request), over the
 *        download's whole life
 * @param problem the last failure's message; empty if none
 * @param updated when this snapshot was taken
 */
public record DownloadStatus(String id, String updateId, String component, DownloadState state, long bytes,
        long total, long bytesPerSecond, Duration eta, String url, int attempts, long refetchedBytes, String problem,
        Instant updated) {
    public DownloadStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(updated, "updated");
        problem = problem == null ? "" : problem;
        if (bytes < 0 || total < 0 || bytes > total) {
            throw new IllegalArgumentException("download " + id + ": " + bytes + " of " + total + " bytes is impossible");
        }
    }

    /** Percentage 0-100. */
    public int percent() {
        return total == 0 ? 100 : (int) (bytes * 100 / total);
    }
}
