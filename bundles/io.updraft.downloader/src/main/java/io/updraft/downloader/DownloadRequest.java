package io.updraft.downloader;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to fetch.
 *
 * @param id stable identifier of this artifact download, also its file name under {@code downloads/}: 1-128
 *        characters of A-Z, a-z, 0-9, '.', '_', '-', starting with a letter or digit, no {@code ..}
 * @param updateId the update the artifact belongs to, carried in progress events
 * @param component the component the artifact belongs to, carried in progress events
 * @param urls where the same artifact can be fetched, tried in this order (first mirror first); http or https
 * @param length the exact length in bytes from verified metadata
 * @param hashes algorithm ({@code sha256}, {@code sha512}) to lower-case hex from verified metadata; every one is
 *        checked, at least one must be supported
 */
public record DownloadRequest(String id, String updateId, String component, List<URI> urls, long length,
        Map<String, String> hashes) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    public DownloadRequest {
        if (id == null || !ID.matcher(id).matches() || id.contains("..")) {
            throw new IllegalArgumentException("download id '" + id
                    + "' is invalid: use 1-128 characters of A-Z, a-z, 0-9, '.', '_', '-', starting with a letter or digit");
        }
        Objects.requireNonNull(updateId, "updateId");
        Objects.requireNonNull(component, "component");
        if (urls == null || urls.isEmpty()) {
            throw new IllegalArgumentException("download " + id + " has no URL");
        }
        for (URI u : urls) {
            String scheme = u.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme)) {
                throw new IllegalArgumentException("download " + id + ": URL '" + u + "' is not http or https");
            }
        }
        if (length < 0) {
            throw new IllegalArgumentException("download " + id + " has negative length " + length);
        }
        if (hashes == null || hashes.isEmpty()) {
            throw new IllegalArgumentException("download " + id + " has no hashes to check");
        }
        urls = List.copyOf(urls);
        hashes = Map.copyOf(hashes);
    }
}
