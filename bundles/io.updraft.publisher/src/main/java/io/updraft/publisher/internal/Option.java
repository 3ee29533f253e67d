package io.updraft.publisher.internal;

/**
 * One {@code --name} a command accepts.
 *
 * @param name without the leading dashes
 * @param arity how many values follow it
 * @param placeholder the value's name in the usage text, e.g. {@code DIR}
 * @param required whether the command fails without it
 * @param help one line for {@code --help}
 */
record Option(String name, Arity arity, String placeholder, boolean required, String help) {

    /** How many values an option takes. */
    enum Arity {
        /** No value: present or not. */
        FLAG,
        /** Exactly one value; given twice is an error. */
        ONE,
        /** One or more values, up to the next {@code --option}; may also be repeated. */
        MANY
    }

    static Option required(String name, String placeholder, String help) {
        return new Option(name, Arity.ONE, placeholder, true, help);
    }

    static Option optional(String name, String placeholder, String help) {
        return new Option(name, Arity.ONE, placeholder, false, help);
    }

    static Option many(String name, String placeholder, boolean required, String help) {
        return new Option(name, Arity.MANY, placeholder, required, help);
    }

    static Option flag(String name, String help) {
        return new Option(name, Arity.FLAG, null, false, help);
    }

    String synopsis() {
        String text = "--" + name + (arity == Arity.FLAG ? "" : " " + placeholder + (arity == Arity.MANY ? "..." : ""));
        return required ? text : "[" + text + "]";
    }
}
