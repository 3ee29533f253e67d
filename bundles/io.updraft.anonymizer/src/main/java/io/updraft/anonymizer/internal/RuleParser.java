package io.updraft.anonymizer.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code rules} property: entries of the form {@code KIND ARGUMENTS}, several per string when
 * separated by {@code ;}. Every mistake is refused with the entry and what is wrong with it.
 */
final class RuleParser {
    static final String KINDS = "dropEvent, drop, redact, keep, text, pseudonym, ip, bucket, time, location, serial";

    private final List<FieldRule> fields = new ArrayList<>();
    private final List<LocationRule> locations = new ArrayList<>();
    private final List<Scope> droppedEvents = new ArrayList<>();
    private final List<SerialPattern> serials = new ArrayList<>();
    private final Map<Target, FieldRule> byTarget = new HashMap<>();

    private RuleParser() {
    }

    /** @throws IllegalArgumentException naming the property, the entry and the fault */
    static RuleSet parse(String[] entries) {
        RuleParser parser = new RuleParser();
        for (String entry : entries == null ? new String[0] : entries) {
            for (String rule : entry == null ? new String[0] : entry.split(";")) {
                String text = rule.strip();
                if (text.isEmpty()) {
                    continue;
                }
                try {
                    parser.add(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(AnonymizerComponent.PID + " rules entry '" + text + "': "
                            + e.getMessage(), e);
                }
            }
        }
        return new RuleSet(parser.fields, parser.locations, parser.droppedEvents, parser.serials);
    }

    private void add(String text) {
        int space = indexOfSpace(text);
        String kind = space < 0 ? text : text.substring(0, space);
        String rest = space < 0 ? "" : text.substring(space + 1).strip();
        if (kind.equals("serial")) {
            if (rest.isEmpty()) {
                throw new IllegalArgumentException("serial needs a regular expression");
            }
            serials.add(SerialPattern.parse(rest));
            return;
        }
        String[] args = rest.isEmpty() ? new String[0] : rest.split("\\s+");
        switch (kind) {
            case "dropEvent" -> droppedEvents.add(scope(arguments(kind, args, 1, "SCOPE")[0]));
            case "drop" -> field(text, arguments(kind, args, 1, "TARGET")[0], FieldActions.DROP);
            case "redact" -> field(text, arguments(kind, args, 1, "TARGET")[0], FieldActions.REDACT);
            case "keep" -> field(text, arguments(kind, args, 1, "TARGET")[0], FieldActions.KEEP);
            case "text" -> field(text, arguments(kind, args, 1, "TARGET")[0], FieldActions.TEXT);
            case "pseudonym" -> field(text, arguments(kind, args, 1, "TARGET")[0], FieldActions.PSEUDONYM);
            case "ip" -> field(text, arguments(kind, args, 1, "TARGET")[0], FieldActions.IP);
            case "bucket" -> {
                String[] a = arguments(kind, args, 2, "TARGET WIDTH");
                field(text, a[0], BucketAction.parse(a[1]));
            }
            case "time" -> {
                String[] a = arguments(kind, args, 2, "TARGET hour|day|month");
                field(text, a[0], TimeAction.parse(a[1]));
            }
            case "location" -> location(text, arguments(kind, args, 3, "LAT_TARGET LON_TARGET GRID_DEGREES"));
            default -> throw new IllegalArgumentException("unknown rule kind '" + kind + "'; valid: " + KINDS);
        }
    }

    private static int indexOfSpace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String[] arguments(String kind, String[] args, int count, String usage) {
        if (args.length != count) {
            throw new IllegalArgumentException(kind + " takes " + usage + ", found " + args.length + " argument"
                    + (args.length == 1 ? "" : "s"));
        }
        return args;
    }

    private static Scope scope(String text) {
        try {
            return Scope.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scope '" + text + "': " + e.getMessage(), e);
        }
    }

    private void field(String source, String targetText, FieldAction action) {
        Target target = Target.parse(targetText);
        FieldRule rule = new FieldRule(target, action, source);
        FieldRule earlier = byTarget.putIfAbsent(target, rule);
        if (earlier != null && !earlier.action().equals(action)) {
            throw new IllegalArgumentException("conflicts with rule '" + earlier.source() + "' on the same field "
                    + target);
        }
        if (earlier == null) {
            fields.add(rule);
        }
    }

    private void location(String source, String[] args) {
        Target lat = Target.parse(args[0]);
        Target lon = Target.parse(args[1]);
        if (!lat.scope().equals(lon.scope()) || !lat.parent().equals(lon.parent())) {
            throw new IllegalArgumentException("latitude " + lat + " and longitude " + lon
                    + " must have the same scope and sit in the same map");
        }
        if (lat.leaf().equals(Target.ANY_KEY) || lon.leaf().equals(Target.ANY_KEY) || lat.leaf().equals(lon.leaf())) {
            throw new IllegalArgumentException("latitude and longitude must be two named fields, not '"
                    + lat.leaf() + "' and '" + lon.leaf() + "'");
        }
        locations.add(new LocationRule(lat.scope(), lat.parent(), lat.leaf(), lon.leaf(), GeoGrid.parse(args[2]),
                source));
    }
}
