package io.updraft.update;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A set of versions written the way npm and Cargo write dependency ranges; the {@code requires} and
 * {@code conflicts} of a release use it. Versions are compared by SemVer 2.0.0 precedence ({@link Version}), so
 * build metadata plays no part.
 *
 * <p>A range is one or more alternatives separated by {@code ||}; an alternative is one or more comparators
 * separated by spaces, all of which must hold. A comparator is one of:
 * <ul>
 * <li>{@code *}, {@code x} or {@code X}: any version;</li>
 * <li>{@code 1.2.3} or {@code =1.2.3}: exactly that version;</li>
 * <li>{@code >1.2.3}, {@code >=1.2.3}, {@code <1.2.3}, {@code <=1.2.3}: a bound (a space after the operator is
 * allowed);</li>
 * <li>{@code 1.2.x}, {@code 1.2}, {@code 1.x}, {@code 1}: every version with those leading numbers
 * ({@code *} and {@code X} work like {@code x}); with an operator the bound is the whole group, so {@code >1.2}
 * means {@code >=1.3.0} and {@code <=1.2} means {@code <1.3.0-0};</li>
 * <li>{@code ~1.2.3}: patch updates, {@code >=1.2.3 <1.3.0-0}; {@code ~1} is {@code >=1.0.0 <2.0.0-0};</li>
 * <li>{@code ^1.2.3}: updates that do not change the leftmost non-zero number: {@code >=1.2.3 <2.0.0-0},
 * {@code ^0.2.3} is {@code >=0.2.3 <0.3.0-0} and {@code ^0.0.3} is {@code >=0.0.3 <0.0.4-0}.</li>
 * </ul>
 *
 * <p>Pre-releases: a version with a pre-release (e.g. {@code 1.2.3-rc.1}) is in an alternative only if, besides
 * satisfying all its comparators, one of them was written with a pre-release of the same major.minor.patch. So
 * {@code >=1.2.3-alpha.1} contains {@code 1.2.3-alpha.7} but not {@code 1.3.0-alpha.1}, and neither {@code *} nor
 * {@code >=1.0.0 <2.0.0} contains {@code 1.5.0-rc.1} or {@code 2.0.0-rc.1}. A range thus admits a pre-release
 * only where its author named one; this is npm's rule.
 */
public final class VersionRange {
    private static final int MAX_LENGTH = 1024;
    private static final Pattern SPACE_AFTER_OPERATOR = Pattern.compile("(<=|>=|<|>|=|\\^|~)\\s+");
    private static final Pattern COMPARATOR = Pattern.compile("(<=|>=|<|>|=|\\^|~)?(.*)");
    private static final String PART = "(0|[1-9]\\d*|[xX*])";
    private static final Pattern PARTIAL = Pattern.compile(PART + "(?:\\." + PART + ")?(?:\\." + PART + ")?");

    private enum Op { LT, LE, GT, GE, EQ }

    /** One comparison; {@code admitsPreRelease} is set only where the range's author wrote a pre-release. */
    private record Bound(Op op, Version version, boolean admitsPreRelease) {
        boolean test(Version v) {
            int c = v.compareTo(version);
            switch (op) {
                case LT: return c < 0;
                case LE: return c <= 0;
                case GT: return c > 0;
                case GE: return c >= 0;
                default: return c == 0;
            }
        }
    }

    private final String text;
    private final List<List<Bound>> alternatives;

    private VersionRange(String text, List<List<Bound>> alternatives) {
        this.text = text;
        this.alternatives = alternatives;
    }

    /**
     * Parses a range as described in the class comment.
     *
     * @throws IllegalArgumentException naming the text and what is wrong with it
     */
    public static VersionRange parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("version range is missing");
        }
        String t = text.strip();
        if (t.isEmpty()) {
            throw new IllegalArgumentException("version range '" + text + "' is empty; write '*' for any version");
        }
        if (t.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("version range is longer than " + MAX_LENGTH + " characters");
        }
        List<List<Bound>> alternatives = new ArrayList<>();
        for (String alternative : t.split("\\|\\|", -1)) {
            String joined = SPACE_AFTER_OPERATOR.matcher(alternative.strip()).replaceAll("$1");
            if (joined.isEmpty()) {
                throw bad(t, "an alternative around '||' is empty");
            }
            List<Bound> bounds = new ArrayList<>();
            for (String comparator : joined.split("\\s+")) {
                addComparator(t, comparator, bounds);
            }
            alternatives.add(List.copyOf(bounds));
        }
        return new VersionRange(t, List.copyOf(alternatives));
    }

    /** Whether {@code version} is in this range, pre-release rule included (see the class comment). */
    public boolean contains(Version version) {
        Objects.requireNonNull(version, "version");
        for (List<Bound> bounds : alternatives) {
            if (bounds.stream().allMatch(b -> b.test(version))
                    && (!version.isPreRelease() || bounds.stream().anyMatch(b -> admits(b, version)))) {
                return true;
            }
        }
        return false;
    }

    private static boolean admits(Bound b, Version v) {
        Version w = b.version();
        return b.admitsPreRelease() && w.major() == v.major() && w.minor() == v.minor() && w.patch() == v.patch();
    }

    private static void addComparator(String range, String comparator, List<Bound> out) {
        Matcher m = COMPARATOR.matcher(comparator);
        if (!m.matches() || m.group(2).isEmpty()) {
            throw bad(range, "'" + comparator + "' has an operator but no version");
        }
        String op = m.group(1) == null ? "" : m.group(1);
        String version = m.group(2);
        Matcher p = PARTIAL.matcher(version);
        try {
            if (p.matches() && isWildcard(p.group(3))) {
                long[] numbers = numbers(range, comparator, p);
                if (numbers.length == 0 && (op.equals("<") || op.equals(">"))) {
                    throw bad(range, "'" + comparator + "' matches no version");
                }
                addPartial(op, numbers, out);
            } else {
                addFull(op, full(range, comparator, version), out);
            }
        } catch (ArithmeticException e) {
            throw bad(range, "'" + comparator + "' has a version number too large");
        }
    }

    private static Version full(String range, String comparator, String version) {
        try {
            return Version.parse(version);
        } catch (IllegalArgumentException e) {
            throw bad(range, "'" + comparator + "' is no version, partial version (1.2.x) or wildcard: "
                    + e.getMessage());
        }
    }

    private static boolean isWildcard(String part) {
        return part == null || part.equals("x") || part.equals("X") || part.equals("*");
    }

    /** The leading numbers of a partial version; a number after a wildcard, as in {@code 1.x.3}, is refused. */
    private static long[] numbers(String range, String comparator, Matcher p) {
        List<Long> numbers = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            if (isWildcard(p.group(i))) {
                for (int j = i + 1; j <= 3; j++) {
                    if (!isWildcard(p.group(j))) {
                        throw bad(range, "'" + comparator + "' has a number after a wildcard");
                    }
                }
                break;
            }
            try {
                numbers.add(Long.parseLong(p.group(i)));
            } catch (NumberFormatException e) {
                throw bad(range, "'" + comparator + "' has a version number too large");
            }
        }
        return numbers.stream().mapToLong(Long::longValue).toArray();
    }

    private static void addFull(String op, Version v, List<Bound> out) {
        boolean pre = v.isPreRelease();
        switch (op) {
            case "<": out.add(new Bound(Op.LT, v, pre)); break;
            case "<=": out.add(new Bound(Op.LE, v, pre)); break;
            case ">": out.add(new Bound(Op.GT, v, pre)); break;
            case ">=": out.add(new Bound(Op.GE, v, pre)); break;
            case "~":
                out.add(new Bound(Op.GE, v, pre));
                out.add(below(v.major(), Math.addExact(v.minor(), 1), 0));
                break;
            case "^":
                out.add(new Bound(Op.GE, v, pre));
                if (v.major() > 0) {
                    out.add(below(Math.addExact(v.major(), 1), 0, 0));
                } else if (v.minor() > 0) {
                    out.add(below(0, Math.addExact(v.minor(), 1), 0));
                } else {
                    out.add(below(0, 0, Math.addExact(v.patch(), 1)));
                }
                break;
            default: out.add(new Bound(Op.EQ, v, pre));
        }
    }

    /** {@code n} holds the given leading numbers: none for {@code *}, major, or major and minor. */
    private static void addPartial(String op, long[] n, List<Bound> out) {
        if (n.length == 0) {
            return;
        }
        Version low = Version.of(n[0], n.length > 1 ? n[1] : 0, 0);
        // The first version past the group: the next major for "1", the next minor for "1.2".
        Version next = n.length == 1 ? Version.of(Math.addExact(n[0], 1), 0, 0)
                : Version.of(n[0], Math.addExact(n[1], 1), 0);
        switch (op) {
            case ">": out.add(new Bound(Op.GE, next, false)); break;
            case ">=": out.add(new Bound(Op.GE, low, false)); break;
            case "<": out.add(below(low.major(), low.minor(), 0)); break;
            case "<=": out.add(below(next.major(), next.minor(), 0)); break;
            case "^":
                out.add(new Bound(Op.GE, low, false));
                out.add(n[0] > 0 || n.length == 1 ? below(Math.addExact(n[0], 1), 0, 0)
                        : below(0, Math.addExact(n[1], 1), 0));
                break;
            default:
                out.add(new Bound(Op.GE, low, false));
                out.add(below(next.major(), next.minor(), 0));
        }
    }

    /** Below every version of {@code major.minor.patch}, its pre-releases included. */
    private static Bound below(long major, long minor, long patch) {
        return new Bound(Op.LT, Version.parse(major + "." + minor + "." + patch + "-0"), false);
    }

    private static IllegalArgumentException bad(String range, String why) {
        return new IllegalArgumentException("version range '" + range + "' is invalid: " + why);
    }

    /** The range as written, without surrounding white space. */
    @Override
    public String toString() {
        return text;
    }

    /** Ranges are equal when written alike; {@code 1.x} and {@code ^1.0.0} are not, though they contain the same. */
    @Override
    public boolean equals(Object o) {
        return o instanceof VersionRange && ((VersionRange) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }
}
