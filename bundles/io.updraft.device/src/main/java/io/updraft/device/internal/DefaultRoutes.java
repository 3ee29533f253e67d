package io.updraft.device.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The default routes in the kernel's routing tables as {@code /proc/net/route} and {@code /proc/net/ipv6_route}
 * print them. Malformed lines are skipped: the tables are read while the kernel changes them.
 */
final class DefaultRoutes {
    /** RTF_UP: the route is usable. */
    private static final long RTF_UP = 0x0001;
    /** RTF_REJECT: an unreachable route, e.g. the kernel's IPv6 default on {@code lo}. */
    private static final long RTF_REJECT = 0x0200;
    private static final String ZERO_V4 = "00000000";
    private static final String ZERO_V6 = "0".repeat(32);

    /** A usable default route. */
    record Route(String iface, long metric) {
    }

    private DefaultRoutes() {
    }

    /** Default routes of {@code /proc/net/route}, lowest metric first. */
    static List<Route> ipv4(List<String> lines) {
        List<Route> routes = new ArrayList<>();
        // First line: Iface Destination Gateway Flags RefCnt Use Metric Mask MTU Window IRTT
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).trim().split("\\s+");
            if (f.length < 8) {
                continue;
            }
            Long flags = hex(f[3]);
            Long metric = decimal(f[6]);
            if (flags != null && metric != null && ZERO_V4.equals(f[1]) && ZERO_V4.equals(f[7]) && usable(flags)) {
                routes.add(new Route(f[0], metric));
            }
        }
        routes.sort(Comparator.comparingLong(Route::metric));
        return routes;
    }

    /** Default routes (::/0) of {@code /proc/net/ipv6_route}, lowest metric first. */
    static List<Route> ipv6(List<String> lines) {
        List<Route> routes = new ArrayList<>();
        // dest dest_len src src_len next_hop metric refcnt use flags iface, numbers in hex, no header.
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            Long prefix = hex(f[1]);
            Long metric = hex(f[5]);
            Long flags = hex(f[8]);
            if (prefix != null && metric != null && flags != null && ZERO_V6.equals(f[0]) && prefix == 0
                    && usable(flags) && !"lo".equals(f[9])) {
                routes.add(new Route(f[9], metric));
            }
        }
        routes.sort(Comparator.comparingLong(Route::metric));
        return routes;
    }

    private static boolean usable(long flags) {
        return (flags & RTF_UP) != 0 && (flags & RTF_REJECT) == 0;
    }

    private static Long hex(String text) {
        try {
            return Long.parseUnsignedLong(text.toLowerCase(Locale.ROOT), 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long decimal(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
