package io.updraft.downloader.internal;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading the headers that ranges, validators and back-pressure depend on. */
final class ResponseHeaders {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18})");

    /** {@code Content-Range: bytes start-end/total}. */
    record ContentRange(long start, long end, long total) {
    }

    private ResponseHeaders() {
    }

    static Optional<ContentRange> contentRange(HttpHeaders headers) {
        return headers.firstValue("Content-Range").flatMap(v -> {
            Matcher m = CONTENT_RANGE.matcher(v.strip());
            if (!m.matches()) {
                return Optional.empty();
            }
            return Optional.of(new ContentRange(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                    Long.parseLong(m.group(3))));
        });
    }

    /** The ETag if it is strong: a weak one does not promise identical bytes, so it cannot guard a range. */
    static String strongEtag(HttpHeaders headers) {
        return headers.firstValue("ETag").map(String::strip).filter(e -> e.startsWith("\"")).orElse(null);
    }

    static String lastModified(HttpHeaders headers) {
        return headers.firstValue("Last-Modified").map(String::strip).orElse(null);
    }

    /** Retry-After as delay-seconds or an HTTP date; zero if absent or unreadable, never more than {@code cap}. */
    static Duration retryAfter(HttpHeaders headers, Instant now, Duration cap) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) {
            return Duration.ZERO;
        }
        Duration d;
        if (value.get().matches("\\d{1,9}")) {
            d = Duration.ofSeconds(Long.parseLong(value.get()));
        } else {
            try {
                d = Duration.between(now, ZonedDateTime.parse(value.get(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException e) {
                return Duration.ZERO;
            }
        }
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(cap) > 0 ? cap : d;
    }
}
