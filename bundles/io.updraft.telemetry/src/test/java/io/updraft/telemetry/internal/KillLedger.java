package io.updraft.telemetry.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeSet;

import io.updraft.telemetry.Category;

/**
 * What {@link StoreKillTest} knows the store must hold, built from what the children reported and what the store
 * held after the previous kill: sequences that must be readable, purges that returned, the consent in force and
 * a consent change that may have been cut short.
 */
final class KillLedger {
    /** Per category, events that must be readable unless size retention dropped them with every older one. */
    final Map<Category, NavigableSet<Long>> expected = new EnumMap<>(Category.class);
    /** Per category, the highest sequence a returned purge removed: nothing at or below may be readable. */
    final Map<Category, Long> purgedThrough = new EnumMap<>(Category.class);
    /** The category whose consent is withdrawn, as far as known for certain; null if none. */
    Category withdrawn;
    /** A consent change that started and has not returned; null if none. */
    Category changing;
    /** The highest sequence stored when the previous check ended: every later one must be above it. */
    long knownMax;
    /** What the child of the current run acknowledged last; 0 before its first acknowledgement. */
    long lastAcked;
    boolean opened;
    /** Tallies for the summary. */
    long acknowledged;
    int purges;
    int grants;
    int retentionChanges;
    int cutWithdrawals;

    KillLedger() {
        for (Category c : Category.values()) {
            expected.put(c, new TreeSet<>());
            purgedThrough.put(c, 0L);
        }
    }

    void startRun() {
        lastAcked = 0;
        opened = false;
    }

    /** Applies the child's complete lines in order; a line cut by the kill reports nothing. */
    void childOutput(String out, String where) {
        String complete = out.substring(0, out.lastIndexOf('\n') + 1);
        for (String line : complete.lines().toList()) {
            String[] parts = line.split(" ");
            switch (parts[0]) {
                case "open" -> opened(parts[1], where);
                case "a" -> {
                    for (int i = 1; i < parts.length; i++) {
                        String[] pair = parts[i].split(":");
                        acknowledge(Long.parseLong(pair[0]), Category.values()[Integer.parseInt(pair[1])], where);
                    }
                }
                case "w" -> changing = Category.parse(parts[1]);
                case "p" -> purged(Category.parse(parts[1]), Long.parseLong(parts[2]), where);
                case "g" -> changing = Category.parse(parts[1]);
                case "G" -> {
                    assertEquals(where + "re-granted category", withdrawn, Category.parse(parts[1]));
                    withdrawn = null;
                    changing = null;
                    grants++;
                }
                case "r" -> retentionChanges++;
                default -> fail(where + "unexpected line from child: " + line);
            }
        }
    }

    private void opened(String withdrawnId, String where) {
        Category seen = withdrawnId.equals("-") ? null : Category.parse(withdrawnId);
        assertEquals(where + "withdrawn category the child found at start", withdrawn, seen);
        opened = true;
    }

    private void acknowledge(long sequence, Category c, String where) {
        // The allocator's promise: above everything stored before the restart, and increasing.
        assertTrue(where + "acknowledged sequence " + sequence + " is not above " + knownMax
                + ", the highest stored before this start", sequence > knownMax);
        assertTrue(where + "acknowledged sequence " + sequence + " does not follow " + lastAcked,
                sequence > lastAcked);
        assertTrue(where + c.id() + " event stored while its consent was withdrawn", c != withdrawn);
        lastAcked = sequence;
        expected.get(c).add(sequence);
        acknowledged++;
    }

    private void purged(Category c, long highest, String where) {
        assertEquals(where + "withdrawn category", changing, c);
        assertEquals(where + "highest sequence before the withdrawal", lastAcked, highest);
        // Everything of c stored before: acknowledged in this run (at most highest) or stored before it started.
        purgedThrough.put(c, Math.max(purgedThrough.get(c), Math.max(highest, knownMax)));
        expected.get(c).clear();
        withdrawn = c;
        changing = null;
        purges++;
    }

    /**
     * Settles a change cut short by the kill, given what consent.json says; a withdrawal on disk must take its
     * purge with it when the store opens.
     */
    void settle(Category withdrawnOnDisk, long highestOnDisk) {
        if (changing == null) {
            return;
        }
        if (withdrawnOnDisk == changing && withdrawn != changing) {
            purgedThrough.put(changing, Math.max(purgedThrough.get(changing), Math.max(knownMax, highestOnDisk)));
            expected.get(changing).clear();
            cutWithdrawals++;
        }
        withdrawn = withdrawnOnDisk;
        changing = null;
    }
}
