package io.updraft.components.internal;

import java.util.List;
import java.util.Optional;

/**
 * Splits keys of the form {@code <prefix>.<name>.<field>} where names may contain dots: the longest declared name
 * that fits wins, so {@code service.web.api.command} belongs to service {@code web.api} when it is declared.
 */
final class Keys {
    /** A key's declared name and the field after it. */
    record Split(String name, String field) {
    }

    private Keys() {
    }

    static Optional<Split> split(String key, String prefix, List<String> declared) {
        String best = null;
        for (String name : declared) {
            String start = prefix + "." + name + ".";
            if (key.startsWith(start) && key.length() > start.length() && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        return best == null ? Optional.empty()
                : Optional.of(new Split(best, key.substring(prefix.length() + best.length() + 2)));
    }

    /** The name a key meant, for messages: the part after the prefix up to the next dot. */
    static String guessName(String key, String prefix) {
        String rest = key.substring(prefix.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
