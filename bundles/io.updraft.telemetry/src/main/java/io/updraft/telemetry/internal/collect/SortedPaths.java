package io.updraft.telemetry.internal.collect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Directory entries in name order, so events list devices the same way every time. */
final class SortedPaths {
    private SortedPaths() {
    }

    static List<Path> of(Iterable<Path> entries) {
        List<Path> out = new ArrayList<>();
        entries.forEach(out::add);
        out.sort(null);
        return out;
    }
}
