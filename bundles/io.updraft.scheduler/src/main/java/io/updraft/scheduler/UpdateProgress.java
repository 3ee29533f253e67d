package io.updraft.scheduler;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

import io.updraft.downloader.DownloadStatus;

/**
 * Progress of the current update, summed over its artifacts.
 *
 * @param updateId the update; empty when none is running
 * @param stage where it stands; null when there is no update
 * @param done bytes held so far over all its artifacts
 * @param total bytes of all its artifacts
 * @param bytesPerSecond recent rate over all its downloads
 * @param eta estimated time to completion; null when not downloading
 * @param downloads each artifact's download
 */
public record UpdateProgress(String updateId, Stage stage, long done, long total, long bytesPerSecond, Duration eta,
        List<DownloadStatus> downloads) {
    public UpdateProgress {
        Objects.requireNonNull(updateId, "updateId");
        downloads = List.copyOf(downloads);
    }

    /** No update. */
    public static final UpdateProgress NONE = new UpdateProgress("", null, 0, 0, 0, null, List.of());

    /** Percentage 0-100. */
    public int percent() {
        return total == 0 ? (stage == null ? 0 : 100) : (int) (done * 100 / total);
    }
}
