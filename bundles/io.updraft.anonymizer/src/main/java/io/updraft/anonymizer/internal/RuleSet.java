package io.updraft.anonymizer.internal;

import java.util.List;

/**
 * The parsed rules.
 *
 * @param fields rules on single fields
 * @param locations latitude/longitude pairs to snap
 * @param droppedEvents scopes whose events are dropped whole
 * @param serials serial-number patterns for free text
 */
record RuleSet(List<FieldRule> fields, List<LocationRule> locations, List<Scope> droppedEvents,
        List<SerialPattern> serials) {
    RuleSet {
        fields = List.copyOf(fields);
        locations = List.copyOf(locations);
        droppedEvents = List.copyOf(droppedEvents);
        serials = List.copyOf(serials);
    }
}
