package io.updraft.downloader.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.updraft.downloader.DownloadRequest;

/**
 * What is persisted about one download in {@code <id>.json} next to its data: the request, the checkpoint (the
 * offset up to which {@code <id>.part} is synced) and the server's validators. No digest state is kept: a restart
 * hashes the data up to the checkpoint again from disk. (Files written before that change carry a
 * {@code hashStates} field, which is ignored; their data is re-hashed like any other.)
 *
 * @param schema format version, {@value #SCHEMA}
 * @param offset bytes of {@code <id>.part} that are synced
 * @param etag the strong ETag the data came with, or null
 * @param lastModified the Last-Modified the data came with, or null
 * @param refetchedBytes bytes received but not kept over the download's life
 * @param complete whether the data was checked and renamed to {@code <id>}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PartialState(int schema, String id, String updateId, String component, List<String> urls, long length,
        Map<String, String> hashes, long offset, String etag, String lastModified, long refetchedBytes,
        boolean complete) {
    static final int SCHEMA = 1;

    static PartialState start(DownloadRequest r, Map<String, String> hashes) {
        return new PartialState(SCHEMA, r.id(), r.updateId(), r.component(), urls(r), r.length(), hashes, 0, null,
                null, 0, false);
    }

    static List<String> urls(DownloadRequest r) {
        return r.urls().stream().map(URI::toString).toList();
    }

    /** Whether this state is about the same artifact as {@code r} with the normalised {@code hashes}. */
    boolean sameArtifact(DownloadRequest r, Map<String, String> hashes) {
        return length == r.length() && urls.equals(urls(r)) && this.hashes.equals(hashes);
    }

    PartialState at(long newOffset, String newEtag, String newLastModified, long newRefetched) {
        return new PartialState(schema, id, updateId, component, urls, length, hashes, newOffset, newEtag,
                newLastModified, newRefetched, false);
    }

    PartialState completed(long newRefetched) {
        return new PartialState(schema, id, updateId, component, urls, length, hashes, length, etag, lastModified,
                newRefetched, true);
    }
}
