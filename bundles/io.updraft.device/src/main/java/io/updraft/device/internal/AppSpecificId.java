package io.updraft.device.internal;

import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives Updraft's own device ID from a machine secret the way systemd's
 * {@code sd_id128_get_machine_app_specific()} does, so the raw machine-id or MAC never leaves the device and
 * {@code systemd-id128 machine-id --app-specific=4179306176a84fb9ac7ab6c0170ff6d7} prints the same ID.
 */
final class AppSpecificId {
    /** Changing this changes the ID of every device in the field. */
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
