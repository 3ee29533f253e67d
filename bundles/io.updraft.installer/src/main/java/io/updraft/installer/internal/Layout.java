package io.updraft.installer.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import io.updraft.update.Names;

/** Where the installer keeps things under the Updraft home. */
final class Layout {
    private final Path home;

    Layout(Path home) {
        this.home = home;
    }

    Path home() {
        return home;
    }

    Path components() {
        return home.resolve("components");
    }

    Path componentDir(String component) {
        return components().resolve(Names.requireComponentName(component));
    }

    Path slotJson(String component, String slot) {
        return componentDir(component).resolve("slots").resolve(slot + ".json");
    }

    Path staging() {
        return home.resolve("staging");
    }

    Path staging(String updateId) {
        return staging().resolve(Names.requireUpdateId(updateId));
    }

    Path history() {
        return home.resolve("state").resolve("install-history.json");
    }

    /** The folders under {@code components/} that are valid component names, sorted. */
    List<String> componentNames() throws IOException {
        List<String> names = new ArrayList<>();
        if (!Files.isDirectory(components())) {
            return names;
        }
        try (Stream<Path> list = Files.list(components())) {
            list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().forEach(n -> {
                try {
                    names.add(Names.requireComponentName(n));
                } catch (IllegalArgumentException e) {
                    // Not one of ours: a folder someone else put there is left alone.
                }
            });
        }
        return names;
    }

    static String other(String slot) {
        return "a".equals(slot) ? "b" : "a";
    }
}
