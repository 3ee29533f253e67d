package io.updraft.rest.internal;

import java.net.URI;

/**
 * The host of the mirror a download uses. Only the host leaves the device's downloader: artifact URLs may carry
 * access tokens in their query, and a local UI needs no more than which mirror is serving.
 */
final class MirrorHost {
    private MirrorHost() {
    }

    /** The host, or null before the first attempt or when the URL has none. */
    static String of(String url) {
        if (url == null || url.isEmpty()) {
            return null;
        }
        try {
            return URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
