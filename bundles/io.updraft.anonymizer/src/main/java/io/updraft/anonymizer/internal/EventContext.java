package io.updraft.anonymizer.internal;

import java.util.ArrayList;
import java.util.List;

import javax.crypto.Mac;

/**
 * What anonymizing one event needs, for one thread: the text scrubber, IP prefix lengths and a MAC for
 * pseudonyms, made only when the event has something to pseudonymize.
 */
final class EventContext {
    private final TextScrubber scrubber;
    private final KeyRing keys;
    private final int v4Prefix;
    private final int v6Prefix;
    private Mac mac;
    private List<String> users;

    EventContext(TextScrubber scrubber, KeyRing keys, int v4Prefix, int v6Prefix) {
        this.scrubber = scrubber;
        this.keys = keys;
        this.v4Prefix = v4Prefix;
        this.v6Prefix = v6Prefix;
    }

    String scrub(String text) {
        return scrubber.scrub(text, this);
    }

    /** Notes a user name found in a home path, to be replaced in the rest of the event too. */
    void foundUser(String user) {
        if (users == null) {
            users = new ArrayList<>(2);
        }
        if (!users.contains(user)) {
            users.add(user);
        }
    }

    /** The user names found so far; empty for almost every event. */
    List<String> users() {
        return users == null ? List.of() : users;
    }

    String replaceUsers(String text) {
        return users == null ? text : scrubber.replaceUsers(text, users, this);
    }

    String pseudonym(String canonical) {
        if (mac == null) {
            mac = keys.mac();
        }
        return KeyRing.pseudonym(mac, canonical);
    }

    /** The network of an IP field's address; a value that is no address is replaced, as it may name a host. */
    String truncateIp(String address) {
        String network = IpAddresses.truncate(address.trim(), v4Prefix, v6Prefix);
        return network != null ? network : Markers.IP;
    }
}
