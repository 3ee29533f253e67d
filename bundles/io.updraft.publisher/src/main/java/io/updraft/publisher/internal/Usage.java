package io.updraft.publisher.internal;

import java.io.PrintStream;
import java.util.StringJoiner;

/** The {@code --help} text of a command, made from its declared options. */
final class Usage {
    private Usage() {
    }

    static void print(Command command, PrintStream out) {
        StringJoiner line = new StringJoiner(" ");
        line.add("Usage: updraft-publish " + command.name());
        for (Option o : command.options()) {
            line.add(o.synopsis());
        }
        if (!command.positional().isEmpty()) {
            line.add(command.positional());
        }
        out.println(line);
        out.println();
        out.println(command.summary());
        out.println();
        for (Option o : command.options()) {
            String left = "--" + o.name() + (o.placeholder() == null ? "" : " " + o.placeholder());
            out.printf("  %-28s %s%n", left, o.help());
        }
        if (!command.details().isEmpty()) {
            out.println();
            out.println(command.details());
        }
    }
}
