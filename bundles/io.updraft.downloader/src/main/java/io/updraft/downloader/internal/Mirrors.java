package io.updraft.downloader.internal;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The URLs of one artifact in the request's order. A temporary failure moves on to the next URL (and comes back to
 * the failed one later); a URL whose server refuses the artifact (e.g. 404) is dropped for this download.
 */
final class Mirrors {
    private final List<URI> urls;
    private final Map<URI, String> refused = new LinkedHashMap<>();
    private int current;

    Mirrors(List<URI> urls) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no URL to download from");
        }
        this.urls = List.copyOf(urls);
    }

    URI current() {
        return urls.get(current);
    }

    /** The current URL failed for now: go on with the next usable one. */
    void failed() {
        advance();
    }

    /** The current URL will not serve this artifact: never use it again in this download. */
    void refuse(String why) {
        refused.put(current(), why);
        advance();
    }

    boolean allRefused() {
        return refused.size() == urls.size();
    }

    /** Why each refused URL was refused. */
    String refusals() {
        return refused.values().toString();
    }

    private void advance() {
        for (int i = 1; i <= urls.size(); i++) {
            int next = (current + i) % urls.size();
            if (!refused.containsKey(urls.get(next))) {
                current = next;
                return;
            }
        }
    }
}
