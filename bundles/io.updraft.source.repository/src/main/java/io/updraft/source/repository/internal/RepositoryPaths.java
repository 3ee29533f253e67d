package io.updraft.source.repository.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/** Turns metadata file names and target paths into URLs below their base, refusing anything that could escape. */
final class RepositoryPaths {
    // One already percent-encoded path segment; no ':' so it can never read as a scheme, no '/' so it stays put.
    private static final Pattern METADATA_NAME = Pattern.compile("[A-Za-z0-9._~%!$&'()*+,;=@-]+");

    private RepositoryPaths() {
    }

    /** {@code base} + a metadata file name such as {@code 3.root.json}. */
    static URI metadata(URI base, String fileName) {
        if (fileName == null || !METADATA_NAME.matcher(fileName).matches() || fileName.equals(".")
                || fileName.equals("..")) {
            throw new IllegalArgumentException("metadata file name '" + fileName + "' is not a single URL path segment");
        }
        return URI.create(base + fileName);
    }

    /** {@code base} + a target path such as {@code robot/app-1.2.0.updraft}, percent-encoded where needed. */
    static URI target(URI base, String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/")) {
            throw new IllegalArgumentException("target path '" + path + "' must be relative and name a file");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new IllegalArgumentException("target path '" + path + "' has an empty, '.' or '..' segment");
            }
        }
        if (path.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            throw new IllegalArgumentException("target path '" + path + "' contains control characters or '\\'");
        }
        try {
            // The multi-argument constructor quotes what a path may not contain, '%' included; the leading '/'
            // keeps a first segment with ':' from reading as a scheme.
            String encoded = new URI(null, null, "/" + path, null).getRawPath().substring(1);
            return URI.create(base + encoded);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("target path '" + path + "' cannot be put in a URL: " + e.getMessage(), e);
        }
    }
}
