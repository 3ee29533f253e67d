package io.updraft.downloader;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Fetches artifacts whose length and hashes are known from verified metadata. Data is streamed to disk with memory
 * that does not grow with the artifact, hashed in the same pass, and resumed from the persisted offset after a cut
 * connection or a restart. Nothing is handed on before the length and every hash match.
 *
 * <p>Progress is posted on EventAdmin topic {@value #PROGRESS_TOPIC} with the properties of
 * {@link DownloadStatus}.
 */
@ProviderType
public interface Downloader {
    /** EventAdmin topic of progress events, at most about one per second per download. */
    String PROGRESS_TOPIC = "io/updraft/update/PROGRESS";

    /**
     * Fetches the request's artifact, or finds it already complete, and returns the checked file. Blocks until the
     * artifact is complete, the download is paused, or it fails for good; temporary failures (cut connections,
     * 5xx answers, no network) are retried with backoff inside this call, across mirrors.
     *
     * @return the complete file, whose length and hashes match the request; it stays until {@link #discard}
     * @throws DownloadException with reason {@link DownloadException.Reason#PAUSED} when {@link #pause} was called
     *         (the partial data is kept for the next call), or the reason the download cannot complete
     * @throws InterruptedException if the calling thread is interrupted; the partial data is kept
     */
    Path download(DownloadRequest request) throws DownloadException, InterruptedException;

    /** The state of a download that is running, paused with partial data, or complete; empty if unknown. */
    Optional<DownloadStatus> status(String id);

    /** Every download known: running, with partial data, or complete; sorted by id. */
    List<DownloadStatus> statuses();

    /**
     * Asks a running download to stop at once, keeping its partial data; its {@link #download} call then throws
     * {@link DownloadException.Reason#PAUSED}.
     *
     * @return whether a download of that id was running
     */
    boolean pause(String id);

    /**
     * Deletes a download's partial or complete data and what is persisted about it. A running download of that id
     * is stopped first.
     *
     * @return whether there was anything to delete
     */
    boolean discard(String id) throws DownloadException;
}
