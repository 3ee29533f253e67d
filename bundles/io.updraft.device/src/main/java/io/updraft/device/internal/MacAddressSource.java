package io.updraft.device.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The burnt-in MAC of the first physical network interface, read from sysfs. Virtual interfaces (bridges,
 * VPNs, containers) have no {@code device} link and locally administered MACs are often random per boot, so
 * neither would give an ID that survives a restart. An ID derived from a MAC can be brute-forced back to the MAC
 * (see {@link AppSpecificId}).
 */
final class MacAddressSource {
    private static final Logger LOG = LoggerFactory.getLogger(MacAddressSource.class);
    private static final int MAC_LENGTH = 6;

    private final Path netDir;

    MacAddressSource(Path systemRoot) {
        this.netDir = systemRoot.resolve("sys/class/net");
    }

    /** The 6 bytes of the first usable MAC by interface name, or empty when there is none. */
    Optional<byte[]> read() {
        List<Path> interfaces;
        try (Stream<Path> list = Files.list(netDir)) {
            interfaces = list.sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (NoSuchFileException e) {
            LOG.debug("No network interfaces under {}", netDir);
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("Cannot list network interfaces under {}", netDir, e);
            return Optional.empty();
        }
        for (Path dir : interfaces) {
            String name = dir.getFileName().toString();
            if (name.equals("lo") || !Files.exists(dir.resolve("device"))) {
                continue;
            }
            Optional<byte[]> mac = address(dir.resolve("address"));
            if (mac.isPresent()) {
                LOG.debug("Using the MAC of network interface {}", name);
                return mac;
            }
        }
        return Optional.empty();
    }

    private Optional<byte[]> address(Path file) {
        String text;
        try {
            text = new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("Cannot read MAC address {}", file, e);
            return Optional.empty();
        }
        return parse(text).filter(MacAddressSource::usable);
    }

    /** Six colon-separated hex octets; other link types (InfiniBand, tunnels) have other lengths. */
    static Optional<byte[]> parse(String text) {
        String[] parts = text.split(":", -1);
        if (parts.length != MAC_LENGTH) {
            return Optional.empty();
        }
        byte[] mac = new byte[MAC_LENGTH];
        for (int i = 0; i < MAC_LENGTH; i++) {
            if (!parts[i].matches("[0-9a-fA-F]{2}")) {
                return Optional.empty();
            }
            mac[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return Optional.of(mac);
    }

    /** Not all-zero, not group (multicast, broadcast), not locally administered. */
    static boolean usable(byte[] mac) {
        boolean allZero = true;
        for (byte b : mac) {
            allZero &= b == 0;
        }
        return !allZero && (mac[0] & 0x01) == 0 && (mac[0] & 0x02) == 0;
    }
}
