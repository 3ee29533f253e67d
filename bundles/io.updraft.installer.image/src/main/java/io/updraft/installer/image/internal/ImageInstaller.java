package io.updraft.installer.image.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.config.Units;
import io.updraft.fs.BlockDevices;
import io.updraft.fs.CountingInputStream;
import io.updraft.install.ComponentInstaller;
import io.updraft.install.ComponentSpec;
import io.updraft.install.InstallException;
import io.updraft.install.InstallException.Reason;
import io.updraft.install.InstallProgress;
import io.updraft.install.Payload;
import io.updraft.install.PayloadFile;
import io.updraft.install.SlotFile;
import io.updraft.install.StagedSlot;

/**
 * Install kind {@code image}: one raw image (optionally {@code .gz}, {@code .zst} or {@code .xz} compressed) written
 * into the inactive slot, a partition the component declares or a file in its folder, synced and read back. The
 * optional component property {@code maxBytes} bounds what a compressed image may expand to in a slot file.
 */
@Component(service = ComponentInstaller.class)
public final class ImageInstaller implements ComponentInstaller {
    static final String MAX_BYTES = "maxBytes";
    private static final Logger LOG = LoggerFactory.getLogger(ImageInstaller.class);

    private final BlockDevices devices;
    private final SlotFiles files = new SlotFiles();

    @Activate
    public ImageInstaller() {
        this(new BlockDevices());
    }

    ImageInstaller(BlockDevices devices) {
        this.devices = devices;
    }

    @Override
    public String kind() {
        return ComponentSpec.IMAGE;
    }

    @Override
    public Path slot(ComponentSpec component, Path componentDir, String slot) {
        if (!"a".equals(slot) && !"b".equals(slot)) {
            throw new IllegalArgumentException("component " + component.name() + ": slot '" + slot + "' is not a or b");
        }
        Path declared = component.imageSlots().get(slot);
        return declared != null ? declared : componentDir.resolve("slots").resolve(slot + ".img");
    }

    @Override
    public StagedSlot stage(ComponentSpec component, Payload payload, Path slot, InstallProgress progress)
            throws InstallException, IOException, InterruptedException {
        long started = System.nanoTime();
        try {
            PayloadFile image = requireOneImage(component, payload);
            Path source = payload.directory().resolve(image.path()).normalize();
            if (!source.startsWith(payload.directory().normalize())) {
                throw new InstallException(Reason.BAD_PACKAGE, "image path " + image.path() + " leaves the payload folder");
            }
            long maxBytes = maxBytes(component);
            ImageFormat format = ImageFormat.of(image.path());
            ImageCopy.Written written;
            try (CountingInputStream raw = new CountingInputStream(Files.newInputStream(source, LinkOption.NOFOLLOW_LINKS));
                    InputStream in = open(format, raw, image)) {
                Runnable report = () -> progress.bytes(raw.count(), image.length());
                written = isPartition(slot) ? toDevice(slot, image, format, in, report)
                        : files.write(slot, image, maxBytes, in, report);
            }
            progress.bytes(image.length(), image.length());
            LOG.info("Component {}: staged {} {} ({} bytes, SHA-256 {}) into {} in {} ms", component.name(),
                    payload.component(), payload.version(), written.length(), written.sha256(), slot,
                    (System.nanoTime() - started) / 1_000_000);
            return new StagedSlot(payload.component(), payload.version(), kind(),
                    List.of(new SlotFile("", "image", written.length(), written.sha256(), 0, "")));
        } catch (InstallException e) {
            throw new InstallException(e.reason(), "component " + component.name() + ": " + e.getMessage(), e);
        }
    }

    private ImageCopy.Written toDevice(Path slot, PayloadFile image, ImageFormat format, InputStream in, Runnable report)
            throws InstallException, IOException, InterruptedException {
        BlockDevices.Device device = devices.probe(slot);
        String use = devices.inUse(device);
        if (use != null) {
            throw new InstallException(Reason.STAGE_FAILED, "partition " + slot + " (" + device.path() + ") is " + use
                    + "; an image is never written into a device in use");
        }
        String what = "partition " + slot + " (" + device.path() + ", " + device.size() + " bytes)";
        if (format == ImageFormat.RAW && image.length() > device.size()) {
            throw new InstallException(Reason.BAD_PACKAGE, "image " + image.path() + " has " + image.length()
                    + " bytes, more than " + what + " holds");
        }
        try (FileChannel out = FileChannel.open(device.path(), StandardOpenOption.WRITE)) {
            ImageCopy.Written written = ImageCopy.copy(in, out, device.size(), what, slot, image.path(),
                    done -> report.run());
            out.force(true);
            return written;
        } catch (IOException e) {
            throw WriteFailures.writing(slot, image.path(), e);
        }
    }

    private PayloadFile requireOneImage(ComponentSpec component, Payload payload) throws InstallException {
        if (!payload.component().equals(component.name())) {
            throw new InstallException(Reason.BAD_PACKAGE, "the package is a release of " + payload.component());
        }
        if (!payload.installKind().equals(kind())) {
            throw new InstallException(Reason.BAD_PACKAGE, "the package declares install kind '"
                    + payload.installKind() + "', this installer writes '" + kind() + "'");
        }
        if (payload.files().size() != 1) {
            throw new InstallException(Reason.BAD_PACKAGE, "an image package carries exactly one payload file, "
                    + payload.version() + " carries " + payload.files().stream().map(PayloadFile::path).toList());
        }
        return payload.files().get(0);
    }

    private static long maxBytes(ComponentSpec component) throws InstallException {
        String v = component.properties().get(MAX_BYTES);
        if (v == null || v.isBlank()) {
            return Long.MAX_VALUE;
        }
        try {
            return Units.size(v, "property " + MAX_BYTES);
        } catch (IllegalArgumentException e) {
            throw new InstallException(Reason.STAGE_FAILED, e.getMessage(), e);
        }
    }

    private static InputStream open(ImageFormat format, InputStream raw, PayloadFile image) throws InstallException {
        try {
            return format.open(raw);
        } catch (IOException e) {
            throw new InstallException(Reason.BAD_PACKAGE, "image " + image.path() + " is not valid "
                    + format.name().toLowerCase(java.util.Locale.ROOT) + " data: " + e.getMessage(), e);
        }
    }

    /**
     * A slot under /dev must be an existing block device: a missing partition must not become a file that
     * quietly fills the device file system.
     */
    private static boolean isPartition(Path slot) throws InstallException, IOException {
        if (BlockDevices.isBlockDevice(slot)) {
            return true;
        }
        if (slot.toAbsolutePath().normalize().startsWith("/dev")) {
            throw new InstallException(Reason.STAGE_FAILED, "partition " + slot + " does not exist or is not a block device");
        }
        return false;
    }

    @Override
    public void verify(ComponentSpec component, StagedSlot staged, Path slot) throws InstallException, IOException {
        List<SlotFile> entries = staged.entries();
        if (entries.size() != 1 || !entries.get(0).type().equals("image")) {
            throw failed(component, slot, "the staged record is not one image entry: " + entries);
        }
        SlotFile image = entries.get(0);
        String actual;
        if (BlockDevices.isBlockDevice(slot)) {
            try (FileChannel in = FileChannel.open(slot, StandardOpenOption.READ)) {
                actual = ImageCopy.hashPrefix(in, image.length());
            }
        } else {
            if (!Files.isRegularFile(slot, LinkOption.NOFOLLOW_LINKS)) {
                throw failed(component, slot, "the slot file is missing");
            }
            long size = Files.size(slot);
            if (size != image.length()) {
                throw failed(component, slot, "the slot file has " + size + " bytes, " + image.length() + " were staged");
            }
            try (FileChannel in = FileChannel.open(slot, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                actual = ImageCopy.hashPrefix(in, image.length());
            }
        }
        if (actual == null) {
            throw failed(component, slot, "the slot holds fewer than the " + image.length() + " bytes staged");
        }
        if (!actual.equals(image.sha256())) {
            throw failed(component, slot, "the slot's first " + image.length() + " bytes have SHA-256 " + actual
                    + ", staged " + image.sha256());
        }
        LOG.info("Component {}: slot {} matches {} {} ({} bytes read back)", component.name(), slot,
                staged.component(), staged.version(), image.length());
    }

    private static InstallException failed(ComponentSpec component, Path slot, String why) {
        return new InstallException(Reason.VERIFY_FAILED, "component " + component.name() + ", slot " + slot + ": " + why);
    }

    @Override
    public void clear(ComponentSpec component, Path slot) throws IOException {
        if (BlockDevices.isBlockDevice(slot)) {
            // A partition keeps its bytes: the next stage overwrites them, and nothing boots an inactive slot.
            LOG.info("Component {}: slot {} is a partition, left as it is", component.name(), slot);
            return;
        }
        files.delete(slot);
        LOG.info("Component {}: cleared slot {}", component.name(), slot);
    }
}
