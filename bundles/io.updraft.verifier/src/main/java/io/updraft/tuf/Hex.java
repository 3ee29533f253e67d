package io.updraft.tuf;

import java.util.HexFormat;

/** Lower-case hex as TUF writes key values, key ids, signatures and hashes. */
public final class Hex {
    private static final HexFormat FORMAT = HexFormat.of();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    /**
     * @throws IllegalArgumentException naming the value if it is not an even-length hex string
     */
    public static byte[] decode(String what, String hex) {
        if (hex == null || hex.length() % 2 != 0) {
            throw new IllegalArgumentException(what + " '" + hex + "' is not hex of whole bytes");
        }
        try {
            return FORMAT.parseHex(hex.toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " '" + hex + "' is not hex", e);
        }
    }
}
