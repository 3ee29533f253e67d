package io.updraft.device.internal;

import java.util.regex.Pattern;

/** A network interface name pattern: {@code *} any run of characters, {@code ?} one character, else literal. */
record InterfaceGlob(String glob, Pattern pattern) {
    // Linux interface names: at most 15 bytes, no '/', no whitespace; the glob may be longer through '*'.
    private static final Pattern ALLOWED = Pattern.compile("[A-Za-z0-9_.:@*?+-]{1,32}");

    static InterfaceGlob of(String glob) {
        if (glob == null || !ALLOWED.matcher(glob).matches()) {
            throw new IllegalArgumentException("interface pattern '" + glob
                    + "' must be 1-32 characters of letters, digits, _ . : @ + - and the wildcards * and ?");
        }
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*') {
                regex.append(".*");
            } else if (c == '?') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return new InterfaceGlob(glob, Pattern.compile(regex.toString()));
    }

    boolean matches(String interfaceName) {
        return pattern.matcher(interfaceName).matches();
    }

    @Override
    public String toString() {
        return glob;
    }
}
