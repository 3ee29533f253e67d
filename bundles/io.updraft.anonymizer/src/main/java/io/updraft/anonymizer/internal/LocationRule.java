package io.updraft.anonymizer.internal;

import java.util.List;

/**
 * Latitude and longitude fields of one map, snapped together to a grid.
 *
 * @param scope the events it applies to
 * @param parent the path of the map holding both fields
 * @param latKey the latitude's key in that map
 * @param lonKey the longitude's key
 * @param grid the grid
 * @param source the rule as configured
 */
record LocationRule(Scope scope, List<String> parent, String latKey, String lonKey, GeoGrid grid, String source) {

    /** Of two rules on the same pair of fields, the narrower scope wins, then the coarser grid. */
    boolean beats(LocationRule other) {
        if (scope.specificity() != other.scope.specificity()) {
            return scope.specificity() > other.scope.specificity();
        }
        return grid.size() > other.grid.size();
    }

    boolean sameFields(LocationRule other) {
        return latKey.equals(other.latKey) && lonKey.equals(other.lonKey);
    }
}
