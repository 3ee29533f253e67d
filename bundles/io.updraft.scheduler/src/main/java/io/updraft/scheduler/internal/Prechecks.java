package io.updraft.scheduler.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

import io.updraft.downloader.DownloadState;
import io.updraft.downloader.DownloadStatus;
import io.updraft.downloader.Downloader;
import io.updraft.product.NetworkStatus;
import io.updraft.product.PowerStatus;
import io.updraft.update.Offer;

/**
 * The checks an update must pass before its download starts (space, battery) and before its install is made due
 * (space, battery, network). Each failure is one sentence naming the check and the values, for the schedule's
 * blockers, the journal and the user.
 */
final class Prechecks {
    private final Path home;
    private final SpaceProbe space;
    private final Downloader downloader;
    private final Supplier<Optional<PowerStatus>> power;
    private final Supplier<Optional<NetworkStatus>> network;

    Prechecks(Path home, SpaceProbe space, Downloader downloader, Supplier<Optional<PowerStatus>> power,
            Supplier<Optional<NetworkStatus>> network) {
        this.home = home;
        this.space = space;
        this.downloader = downloader;
        this.power = power;
        this.network = network;
    }

    List<String> beforeDownload(Settings s, List<Offer> offers, List<String> downloadIds) {
        List<String> blockers = new ArrayList<>();
        long download = 0;
        for (int i = 0; i < offers.size(); i++) {
            long held = downloader.status(downloadIds.get(i)).map(DownloadStatus::bytes).orElse(0L);
            download = plus(download, Math.max(0, offers.get(i).length() - held));
        }
        disk(s, offers, download, blockers);
        battery(s, blockers);
        return blockers;
    }

    List<String> beforeInstall(Settings s, List<Offer> offers) {
        List<String> blockers = new ArrayList<>();
        disk(s, offers, 0, blockers);
        battery(s, blockers);
        if (s.requireStableNetwork()) {
            network(blockers);
        }
        return blockers;
    }

    private void disk(Settings s, List<Offer> offers, long download, List<String> blockers) {
        long artifacts = offers.stream().mapToLong(Offer::length).reduce(0, Prechecks::plus);
        long staging = (long) Math.ceil(artifacts * s.stagingFactor());
        long snapshot = (long) Math.ceil(artifacts * s.snapshotFactor());
        long needed = plus(plus(plus(download, staging), snapshot), s.reserveBytes());
        long free;
        try {
            free = space.usableBytes(home);
        } catch (IOException e) {
            blockers.add("free space check: cannot read the free space of " + home + ": " + e.getMessage());
            return;
        }
        if (free < needed) {
            blockers.add("free space check: " + size(needed) + " needed in " + home + " (download " + size(download)
                    + ", staging " + size(staging) + ", snapshot " + size(snapshot) + ", reserve "
                    + size(s.reserveBytes()) + ") but only " + size(free) + " free");
        }
    }

    private void battery(Settings s, List<String> blockers) {
        Optional<PowerStatus> status = power.get();
        if (status.isEmpty() || status.get().powered() || status.get().batteryPercent().isEmpty()) {
            return;
        }
        int percent = status.get().batteryPercent().getAsInt();
        if (percent < s.minBattery()) {
            blockers.add("battery check: battery at " + percent + "% and not charging; at least " + s.minBattery()
                    + "% or a connected charger is needed");
        }
    }

    private void network(List<String> blockers) {
        Optional<NetworkStatus> status = network.get();
        if (status.isPresent() && !status.get().online()) {
            blockers.add("network check: the device is offline");
        }
        for (DownloadStatus d : downloader.statuses()) {
            if (d.state() == DownloadState.WAITING_FOR_NETWORK || d.state() == DownloadState.RETRYING) {
                blockers.add("network check: download " + d.id() + " is "
                        + d.state().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ", so the network is not stable");
            }
        }
    }

    /** A sum that stops at Long.MAX_VALUE: a wrapped, negative need would pass every space check. */
    static long plus(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%d bytes (%.1f %s)", bytes, v, units[u]);
    }
}
