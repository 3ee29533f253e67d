package io.updraft.publisher.internal;

import java.io.IOException;
import java.util.List;

/** One {@code updraft-publish} subcommand. */
interface Command {
    String name();

    /** One line for the overview. */
    String summary();

    List<Option> options();

    /** The positional arguments in the usage line, e.g. {@code PACKAGE...}, or "" for none. */
    default String positional() {
        return "";
    }

    /** Paragraphs after the option list; "" for none. */
    default String details() {
        return "";
    }

    /**
     * @return the exit code
     * @throws UsageException if an argument is wrong (exit code 2)
     * @throws PublishException if the operation was refused (exit code 1)
     */
    int run(Arguments args, Context context) throws UsageException, PublishException, IOException;
}
