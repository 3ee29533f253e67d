package io.updraft.anonymizer.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A configured serial-number pattern. When it has a group named {@code id}, only that group is replaced, so a
 * label such as {@code SN:} stays readable; otherwise the whole match is.
 */
record SerialPattern(Pattern pattern, boolean hasIdGroup) {

    /** @throws IllegalArgumentException naming the regex and the syntax error */
    static SerialPattern parse(String regex) {
        Pattern p;
        try {
            p = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("serial pattern '" + regex + "' is not a valid regular expression: "
                    + e.getDescription() + " near index " + e.getIndex(), e);
        }
        if (p.matcher("").matches()) {
            throw new IllegalArgumentException("serial pattern '" + regex
                    + "' matches empty text; it would mark every gap between characters");
        }
        return new SerialPattern(p, p.pattern().contains("(?<id>"));
    }

    int idStart(Matcher m) {
        return hasIdGroup ? m.start("id") : m.start();
    }

    int idEnd(Matcher m) {
        return hasIdGroup ? m.end("id") : m.end();
    }
}
