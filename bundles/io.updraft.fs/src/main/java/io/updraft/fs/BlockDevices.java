package io.updraft.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What the kernel says about block devices: whether a path is one, its size, and whether anything uses it (a
 * mounted file system on it or on one of its partitions, swap, a device-mapper or RAID holder). Writing an image
 * into a device in use would corrupt the running system, so callers write only a device this finds free.
 *
 * <p>Read from {@code /proc/self/mounts}, {@code /proc/swaps} and {@code /sys/class/block} at each call, nothing
 * cached. Guaranteed: {@link #inUse} never answers "free" without having read the mount table. It only reads; it
 * never opens a device for writing. Immutable; one instance may serve several threads.
 */
public final class BlockDevices {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    private final Path mounts;
    private final Path swaps;
    private final Path sysBlock;

    /** Reads the running kernel's tables. */
    public BlockDevices() {
        this(Path.of("/proc/self/mounts"), Path.of("/proc/swaps"), Path.of("/sys/class/block"));
    }

    /**
     * Reads tables kept elsewhere, in the kernel's formats: for tests that describe the kernel in files of their own.
     *
     * @param mounts a mount table like {@code /proc/self/mounts}
     * @param swaps a swap table like {@code /proc/swaps}, its first line a header
     * @param sysBlock a folder like {@code /sys/class/block}
     */
    public BlockDevices(Path mounts, Path swaps, Path sysBlock) {
        this.mounts = mounts;
        this.swaps = swaps;
        this.sysBlock = sysBlock;
    }

    /**
     * A block device as found: its real path (links such as /dev/disk/by-partlabel resolved), its kernel name, its
     * device number ({@code st_rdev}) and its size in bytes.
     */
    public record Device(Path path, String name, long rdev, long size) {
    }

    /** Whether {@code p} is (or links to) a block device; false when it does not exist. */
    public static boolean isBlockDevice(Path p) throws IOException {
        try {
            return ((Integer) Files.getAttribute(p, "unix:mode") & S_IFMT) == S_IFBLK;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Describes the block device at {@code p}, following links. The size comes from sysfs when it knows the device,
     * else from the device file.
     *
     * @throws IOException if {@code p} does not exist or its size cannot be read
     */
    public Device probe(Path p) throws IOException {
        Path real = p.toRealPath();
        String name = real.getFileName().toString();
        long rdev = (Long) Files.getAttribute(real, "unix:rdev");
        return new Device(real, name, rdev, size(real, name));
    }

    /** Bytes of the device: 512-byte sectors from sysfs, else what the device file reports. */
    private long size(Path real, String name) throws IOException {
        Path sectors = sysBlock.resolve(name).resolve("size");
        if (Files.isRegularFile(sectors)) {
            return Math.multiplyExact(Long.parseLong(Files.readString(sectors, StandardCharsets.US_ASCII).strip()), 512L);
        }
        try (FileChannel ch = FileChannel.open(real, StandardOpenOption.READ)) {
            return ch.size();
        }
    }

    /**
     * How the device is in use, said for a person ({@code mounted on /data}, {@code in use as swap}, {@code held by
     * dm-0}), or null when nothing holds it. A whole disk counts as in use when one of its partitions is.
     *
     * @throws IOException if the mount table cannot be read: without it a mounted device cannot be told apart
     */
    public String inUse(Device device) throws IOException {
        Set<String> names = names(device);
        if (!Files.isReadable(mounts)) {
            // Never write blind: without the mount table a mounted partition cannot be told apart.
            throw new IOException("cannot read " + mounts + " to tell whether " + device.path() + " is mounted");
        }
        for (String line : lines(mounts)) {
            String[] f = line.split(" ");
            if (f.length >= 2 && isDevice(unescape(f[0]), device, names)) {
                return "mounted on " + unescape(f[1]);
            }
        }
        List<String> swapLines = lines(swaps);
        for (String line : swapLines.subList(Math.min(1, swapLines.size()), swapLines.size())) {
            String[] f = line.split("\\s+");
            if (f.length >= 1 && isDevice(unescape(f[0]), device, names)) {
                return "in use as swap";
            }
        }
        List<String> holders = new ArrayList<>();
        for (String n : names) {
            holders.addAll(children(sysBlock.resolve(n).resolve("holders")));
        }
        return holders.isEmpty() ? null : "held by " + String.join(", ", holders);
    }

    /** The device's name and those of its partitions, which sysfs lists as subfolders with a "partition" file. */
    private Set<String> names(Device device) throws IOException {
        Set<String> names = new HashSet<>();
        names.add(device.name());
        for (String child : children(sysBlock.resolve(device.name()))) {
            if (Files.exists(sysBlock.resolve(device.name()).resolve(child).resolve("partition"))) {
                names.add(child);
            }
        }
        return names;
    }

    private static boolean isDevice(String source, Device device, Set<String> names) {
        if (!source.startsWith("/")) {
            return false;
        }
        Path real = Path.of(source);
        try {
            real = real.toRealPath();
        } catch (IOException e) {
            // A source missing here (e.g. /dev/root) is still told apart by its name.
        }
        Path name = real.getFileName();
        if (name != null && names.contains(name.toString()) && device.path().getParent().equals(real.getParent())) {
            return true;
        }
        try {
            return isBlockDevice(real) && (Long) Files.getAttribute(real, "unix:rdev") == device.rdev();
        } catch (IOException e) {
            return false;
        }
    }

    private static List<String> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> lines(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            return List.of();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    /** /proc tables write blanks, tabs, newlines and backslashes in names as three-digit octal escapes. */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
