package io.updraft.scheduler.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import io.updraft.downloader.DownloadRequest;
import io.updraft.update.Offer;

/**
 * Names of updates and their downloads. An update's id is derived from the releases it brings, so the same
 * releases found by a later check are recognised as the same update, also across restarts.
 */
final class UpdateIds {
    private UpdateIds() {
    }

    /** {@code u-} and 16 hex digits of the SHA-256 of the sorted {@code component@version} list. */
    static String of(List<Offer> offers) {
        List<String> releases = new ArrayList<>();
        for (Offer o : offers) {
            releases.add(o.release().component() + "@" + o.release().version() + "\n");
        }
        releases.sort(null);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            releases.forEach(r -> sha.update(r.getBytes(StandardCharsets.UTF_8)));
            return "u-" + HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** Whether the id is one {@link #of} makes; other updates (offline installs) are not the scheduler's. */
    static boolean isScheduled(String updateId) {
        return updateId.matches("u-[0-9a-f]{16}");
    }

    static String downloadId(String updateId, Offer offer) {
        return updateId + "_" + offer.release().component();
    }

    static List<String> downloadIds(String updateId, List<Offer> offers) {
        return offers.stream().map(o -> downloadId(updateId, o)).toList();
    }

    /** @throws IllegalArgumentException naming the URL when an artifact URL is not http(s) */
    static DownloadRequest request(String updateId, Offer o) {
        List<java.net.URI> urls = new ArrayList<>();
        for (String u : o.artifactUrls()) {
            try {
                urls.add(java.net.URI.create(u));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("artifact URL '" + u + "' of " + o.release().component() + " "
                        + o.release().version() + " is not a URL", e);
            }
        }
        return new DownloadRequest(downloadId(updateId, o), updateId, o.release().component(), urls, o.length(),
                o.hashes());
    }
}
