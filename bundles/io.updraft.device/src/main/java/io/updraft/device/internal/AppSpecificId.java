package io.updraft.device.internal;

import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives Updraft's own device ID from a machine secret the way systemd's
 * {@code sd_id128_get_machine_app_specific()} does (HMAC-SHA256 keyed with the secret over Updraft's application
 * ID), so {@code systemd-id128 machine-id --app-specific=4179306176a84fb9ac7ab6c0170ff6d7} prints the same ID
 * for a machine-id.
 *
 * <p>The hash is one-way, but the application ID is public, so the ID hides its input only as well as that input
 * resists guessing. A machine-id is 128 random bits and cannot be recovered from the ID. A MAC can: once its
 * vendor prefix (OUI) is known or guessed only about 24 bits remain, and anyone who knows a MAC-derived ID can
 * try them all in seconds and get the MAC back. A MAC-derived ID must therefore be treated as revealing the MAC
 * to whoever sees it.
 */
final class AppSpecificId {
    /** Public (it is in this source). Changing it changes the ID of every device that has not persisted its ID. */
    static final String UPDRAFT_APP_ID = "4179306176a84fb9ac7ab6c0170ff6d7";
    private static final String HMAC = "HmacSHA256";

    private AppSpecificId() {
    }

    /** 32 lowercase hex characters, a version 4 UUID like systemd makes it. */
    static String derive(byte[] secret) {
        byte[] digest;
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            digest = mac.doFinal(HexFormat.of().parseHex(UPDRAFT_APP_ID));
        } catch (GeneralSecurityException e) {
            // Every Java SE runtime must provide HmacSHA256, so this is a broken JRE, not a device condition.
            throw new IllegalStateException(HMAC + " is not available in this Java runtime", e);
        }
        byte[] id = new byte[16];
        System.arraycopy(digest, 0, id, 0, id.length);
        id[6] = (byte) ((id[6] & 0x0F) | 0x40);
        id[8] = (byte) ((id[8] & 0x3F) | 0x80);
        return HexFormat.of().formatHex(id);
    }
}
