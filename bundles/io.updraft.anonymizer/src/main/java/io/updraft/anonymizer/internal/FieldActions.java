package io.updraft.anonymizer.internal;

/** The actions that need no arguments. */
enum FieldActions implements FieldAction {
    DROP("drop", 8) {
        @Override
        public Object apply(Object value, EventContext context) {
            return REMOVED;
        }

        @Override
        public boolean wholeValue() {
            return true;
        }
    },
    REDACT("redact", 7) {
        @Override
        public Object apply(Object value, EventContext context) {
            return Markers.REDACTED;
        }

        @Override
        public boolean wholeValue() {
            return true;
        }
    },
    PSEUDONYM("pseudonym", 6) {
        @Override
        public Object apply(Object value, EventContext context) {
            return context.pseudonym(Identifiers.canonical(String.valueOf(value)));
        }
    },
    IP("ip", 5) {
        @Override
        public Object apply(Object value, EventContext context) {
            return value instanceof String s ? context.truncateIp(s) : Markers.IP;
        }
    },
    TEXT("text", 2) {
        @Override
        public Object apply(Object value, EventContext context) {
            return value instanceof String s ? context.scrub(s) : value;
        }
    },
    KEEP("keep", 1) {
        @Override
        public Object apply(Object value, EventContext context) {
            return value;
        }

        @Override
        public boolean scrubsKeys() {
            return false;
        }
    };

    private final String kind;
    private final int strength;

    FieldActions(String kind, int strength) {
        this.kind = kind;
        this.strength = strength;
    }

    @Override
    public int strength() {
        return strength;
    }

    @Override
    public String kind() {
        return kind;
    }
}
