package io.updraft.logstore.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.updraft.fs.DurableSequence;

/**
 * The segments of one stream, oldest first, with its sequence allocator and what the store's settings say about
 * it. Opening repairs what a crash can leave: an interrupted purge is completed ({@link PurgeMarker}), temporary
 * files of an unfinished compression are deleted, and a segment present both plain and compressed keeps the copy
 * that validates.
 */
final class StreamLog {
    private static final Logger LOG = LoggerFactory.getLogger(StreamLog.class);

    final String name;
    final Path dir;
    final List<Segment> segments = new ArrayList<>();
    DurableSequence sequences;
    long lastSequence;
    long dropped;
    Retention.Limits limits = Retention.Limits.NONE;
    int priority;
    long segmentBytes;

    StreamLog(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    void configure(StoreSettings s) {
        limits = s.limits(name);
        priority = s.priorities().of(name);
        segmentBytes = s.segmentBytes(limits);
    }

    Segment last() {
        return segments.isEmpty() ? null : segments.get(segments.size() - 1);
    }

    long records() {
        long n = 0;
        for (Segment s : segments) {
            n += s.records();
        }
        return n;
    }

    long bytes() {
        long n = 0;
        for (Segment s : segments) {
            n += s.bytes();
        }
        return n;
    }

    /** Reads the stream's directory, repairing what an interrupted compression left. */
    void load() throws IOException {
        PurgeMarker.complete(dir);
        Map<Long, List<Path>> byFirst = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path p : files) {
                String file = p.getFileName().toString();
                if (file.endsWith(SegmentName.TEMP)) {
                    Files.delete(p);
                    continue;
                }
                SegmentName n = SegmentName.parse(file);
                if (n != null) {
                    byFirst.computeIfAbsent(n.firstSequence(), k -> new ArrayList<>()).add(p);
                }
            }
        }
        for (List<Path> copies : byFirst.values()) {
            Segment s = choose(copies);
            if (s.damaged()) {
                LOG.warn("Segment {} ends in {} bytes of a torn or damaged record; its {} good records are kept "
                        + "and the rest is skipped", s.path(), Math.max(0, s.bytes() - s.goodBytes()), s.records());
            }
            segments.add(s);
            lastSequence = Math.max(lastSequence, s.lastSequence());
        }
    }

    /** Of the copies of one segment, the compressed one if it holds every record of the plain one, else the plain. */
    private Segment choose(List<Path> copies) throws IOException {
        copies.sort(Comparator.comparing(p -> SegmentName.parse(p.getFileName().toString()).compression()));
        Segment plain = null;
        Segment chosen = null;
        for (Path p : copies) {
            Segment s = Segment.open(name, p, SegmentName.parse(p.getFileName().toString()));
            if (chosen == null) {
                chosen = s;
                plain = s.name().compression() == Compression.NONE ? s : null;
            } else if (plain != null && chosen == plain && !s.damaged() && s.records() == plain.records()
                    && s.lastSequence() == plain.lastSequence()) {
                LOG.info("Compression of {} was interrupted after its compressed copy was complete; keeping {}",
                        plain.path(), s.path());
                Files.delete(plain.path());
                chosen = s;
            } else {
                LOG.warn("Deleting {}: an interrupted compression left it incomplete; {} is kept", s.path(),
                        chosen.path());
                Files.delete(s.path());
            }
        }
        return chosen;
    }
}
