package io.updraft.downloader.internal;

import java.net.URI;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.updraft.downloader.DownloadRequest;

/**
 * What is persisted about one download in {@code <id>.json} next to its data: the request, the checkpoint (offset
 * and the digests' states at it, both matching the data synced to {@code <id>.part}) and the server's validators.
 *
 * @param schema format version, {@value #SCHEMA}
 * @param offset bytes of {@code <id>.part} that are synced and hashed into {@code hashStates}
 * @param etag the strong ETag the data came with, or null
 * @param lastModified the Last-Modified the data came with, or null
 * @param hashStates saved digest states by algorithm, base64
 * @param refetchedBytes bytes received but not kept over the download's life
 * @param complete whether the data was checked and renamed to {@code <id>}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record PartialState(int schema, String id, String updateId, String component, List<String> urls, long length,
        Map<String, String> hashes, long offset, String etag, String lastModified, Map<String, String> hashStates,
        long refetchedBytes, boolean complete) {
    static final int SCHEMA = 1;

    static PartialState start(DownloadRequest r, Map<String, String> hashes, Map<String, String> hashStates) {
        return new PartialState(SCHEMA, r.id(), r.updateId(), r.component(), urls(r), r.length(), hashes, 0, null,
                null, hashStates, 0, false);
    }

    static List<String> urls(DownloadRequest r) {
        return r.urls().stream().map(URI::toString).toList();
    }

    /** Whether this state is about the same artifact as {@code r} with the normalised {@code hashes}. */
    boolean sameArtifact(DownloadRequest r, Map<String, String> hashes) {
        return length == r.length() && urls.equals(urls(r)) && this.hashes.equals(hashes);
    }

    PartialState at(long newOffset, Map<String, String> newHashStates, String newEtag, String newLastModified,
            long newRefetched) {
        return new PartialState(schema, id, updateId, component, urls, length, hashes, newOffset, newEtag,
                newLastModified, newHashStates, newRefetched, false);
    }

    PartialState completed(long newRefetched) {
        return new PartialState(schema, id, updateId, component, urls, length, hashes, length, etag, lastModified,
                Map.of(), newRefetched, true);
    }
}
