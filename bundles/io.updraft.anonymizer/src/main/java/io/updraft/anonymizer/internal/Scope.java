package io.updraft.anonymizer.internal;

import io.updraft.telemetry.Category;

/**
 * Which events a rule applies to: all of them, those of one category, or those of one schema. A scope without
 * a dot must be a category, so a misspelt category is refused rather than taken for a schema nobody sends.
 *
 * @param category the category, or null
 * @param schema the schema name, or null
 */
record Scope(Category category, String schema) {
    static final Scope ANY = new Scope(null, null);

    static Scope parse(String text) {
        if (text.equals("*")) {
            return ANY;
        }
        if (text.indexOf('.') >= 0) {
            return new Scope(null, text);
        }
        return new Scope(Category.parse(text), null);
    }

    boolean applies(Category eventCategory, String eventSchema) {
        if (category != null) {
            return category == eventCategory;
        }
        return schema == null || schema.equals(eventSchema);
    }

    /** Higher for narrower scopes: a rule for one schema overrides one for its category, which overrides '*'. */
    int specificity() {
        return schema != null ? 2 : category != null ? 1 : 0;
    }

    @Override
    public String toString() {
        return schema != null ? schema : category != null ? category.id() : "*";
    }
}
