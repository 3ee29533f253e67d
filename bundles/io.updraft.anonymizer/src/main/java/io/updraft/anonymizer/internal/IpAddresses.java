package io.updraft.anonymizer.internal;

/**
 * Parses IPv4 and IPv6 literals without ever touching DNS (unlike {@link java.net.InetAddress#getByName}) and
 * writes them truncated to a prefix as {@code network/prefix}.
 */
final class IpAddresses {
    private IpAddresses() {
    }

    /** The 4 bytes of a dotted-quad IPv4 address (decimal parts 0-255), else null. */
    static byte[] parseIpv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && value >= 0 && part < 3) {
                out[part++] = (byte) value;
                value = -1;
            } else {
                return null;
            }
        }
        if (part != 3 || value < 0) {
            return null;
        }
        out[3] = (byte) value;
        return out;
    }

    /**
     * The 16 bytes of an IPv6 address in any RFC 4291 text form, with an optional embedded IPv4 tail and zone
     * ({@code %eth0}, ignored), else null.
     */
    static byte[] parseIpv6(String text) {
        int zone = text.indexOf('%');
        String s = zone >= 0 ? text.substring(0, zone) : text;
        int gap = s.indexOf("::");
        // A dotted IPv4 part may only end the address, never stand before the '::'.
        if (gap >= 0 && (s.indexOf("::", gap + 1) >= 0 || s.lastIndexOf('.', gap) >= 0)) {
            return null;
        }
        int[] head = groups(gap >= 0 ? s.substring(0, gap) : s);
        int[] tail = gap >= 0 ? groups(s.substring(gap + 2)) : new int[0];
        if (head == null || tail == null) {
            return null;
        }
        int total = head.length + tail.length;
        if (gap < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] out = new byte[16];
        for (int i = 0; i < head.length; i++) {
            out[2 * i] = (byte) (head[i] >> 8);
            out[2 * i + 1] = (byte) head[i];
        }
        for (int i = 0; i < tail.length; i++) {
            int at = 8 - tail.length + i;
            out[2 * at] = (byte) (tail[i] >> 8);
            out[2 * at + 1] = (byte) tail[i];
        }
        return out;
    }

    /** 16-bit groups of a colon-separated run; a final dotted IPv4 part counts as two groups. */
    private static int[] groups(String s) {
        if (s.isEmpty()) {
            return new int[0];
        }
        String[] parts = s.split(":", -1);
        int last = parts.length - 1;
        boolean v4Tail = parts[last].indexOf('.') >= 0;
        int[] out = new int[parts.length + (v4Tail ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (i == last && v4Tail) {
                byte[] v4 = parseIpv4(p);
                if (v4 == null) {
                    return null;
                }
                out[i] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                out[i + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
            } else {
                if (p.isEmpty() || p.length() > 4) {
                    return null;
                }
                int v = 0;
                for (int j = 0; j < p.length(); j++) {
                    int d = Character.digit(p.charAt(j), 16);
                    if (d < 0) {
                        return null;
                    }
                    v = (v << 4) | d;
                }
                out[i] = v;
            }
        }
        return out;
    }

    /** The first {@code prefix} bits of {@code address}, the rest zero. */
    static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int bit = prefix; bit < out.length * 8; bit++) {
            out[bit / 8] &= (byte) ~(0x80 >> (bit % 8));
        }
        return out;
    }

    static String formatIpv4(byte[] a) {
        return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }

    /** RFC 5952 text: lower case, leading zeros dropped, the longest run of two or more zero groups as '::'. */
    static String formatIpv6(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8;) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

    /**
     * {@code text} truncated to its network, {@code a.b.c.0/24} or {@code 2001:db8:1::/48}; null when it is no
     * IP address.
     */
    static String truncate(String text, int v4Prefix, int v6Prefix) {
        byte[] v4 = parseIpv4(text);
        if (v4 != null) {
            return formatIpv4(mask(v4, v4Prefix)) + "/" + v4Prefix;
        }
        if (text.indexOf(':') < 0) {
            return null;
        }
        byte[] v6 = parseIpv6(text);
        return v6 == null ? null : formatIpv6(mask(v6, v6Prefix)) + "/" + v6Prefix;
    }
}
