package io.updraft.anonymizer.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonym keys: one per period of {@code period} counted from the epoch, each derived from the master key as
 * HMAC-SHA256(master, label || period index), so periods are unlinkable without the master key and a device
 * can rotate without storing anything new. A pseudonym is HMAC-SHA256(period key, identifier), cut to 96 bits:
 * one-way, and not guessable by hashing candidate identifiers without the key.
 */
final class KeyRing {
    static final String ALGORITHM = "HmacSHA256";
    static final String PREFIX = "ps-";
    private static final byte[] LABEL = "updraft-anonymizer/pseudonym-period/v1".getBytes(StandardCharsets.US_ASCII);
    private static final int PSEUDONYM_BYTES = 12;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] master;
    private final long periodMillis;
    private final Clock clock;
    private volatile PeriodKey current;

    /** A period's key as a ready MAC; never used itself, only cloned, so it is safe to share. */
    private record PeriodKey(long index, Mac prototype) {
    }

    KeyRing(byte[] master, Duration period, Clock clock) {
        this.master = master.clone();
        this.periodMillis = period.toMillis();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A MAC keyed for the current period, for one caller's use. */
    Mac mac() {
        long index = Math.floorDiv(clock.millis(), periodMillis);
        PeriodKey key = current;
        if (key == null || key.index() != index) {
            // Two threads crossing a period boundary at once derive the same key; either result is right.
            key = new PeriodKey(index, macFor(derive(index)));
            current = key;
        }
        try {
            return (Mac) key.prototype().clone();
        } catch (CloneNotSupportedException e) {
            return macFor(derive(index));
        }
    }

    private byte[] derive(long index) {
        Mac mac = macFor(master);
        mac.update(LABEL);
        mac.update(ByteBuffer.allocate(Long.BYTES).putLong(index).array());
        return mac.doFinal();
    }

    private static Mac macFor(byte[] key) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256; without it nothing can be pseudonymized safely.
            throw new IllegalStateException(ALGORITHM + " is not available in this Java runtime", e);
        }
    }

    /** The pseudonym of {@code canonical} under {@code mac}, which is reset for the next use. */
    static String pseudonym(Mac mac, String canonical) {
        byte[] digest = mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8));
        return PREFIX + HEX.formatHex(digest, 0, PSEUDONYM_BYTES);
    }
}
