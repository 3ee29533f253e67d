package io.updraft.downloader.internal;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.updraft.downloader.DownloadException;
import io.updraft.downloader.DownloadException.Reason;
import io.updraft.downloader.DownloadRequest;
import io.updraft.downloader.DownloadState;
import io.updraft.downloader.DownloadStatus;
import io.updraft.downloader.Downloader;
import io.updraft.product.NetworkMonitor;
import io.updraft.product.NetworkStatus;
import io.updraft.tls.TlsContexts;

/**
 * The downloader: runs each download in its caller's thread, shares one bandwidth limit and one view of the link
 * among them, and keeps their statuses. Constructible with plain Java (configuration, clock, space probe); the
 * network monitor and EventAdmin are optional.
 */
@Component(name = Settings.PID, service = Downloader.class, immediate = true,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = DownloaderConfig.class)
public final class DownloaderComponent implements Downloader, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DownloaderComponent.class);
    private static final long STOP_GRACE_MILLIS = 10_000;
    private static final long NETWORK_CACHE_NANOS = 1_000_000_000L;

    private final Clock clock;
    private final SpaceProbe space;
    private final StateStore store;
    private final ExecutorService httpThreads;
    private final Backoff backoff;
    private final AtomicReference<EventAdmin> eventAdmin = new AtomicReference<>();
    private final AtomicReference<NetworkMonitor> networkMonitor = new AtomicReference<>();
    private final Map<String, Control> running = new ConcurrentHashMap<>();
    private final Map<String, DownloadStatus> statuses = new ConcurrentHashMap<>();
    private final Throttle throttle;
    private volatile LinkQuality link;
    private volatile Transfer.Context context;
    private volatile NetworkStatus network = NetworkStatus.ASSUMED;
    private volatile long networkRead;

    @Activate
    public DownloaderComponent(DownloaderConfig config) throws IOException {
        this(config, Clock.systemUTC(), SpaceProbe.FILE_STORE);
    }

    /**
     * @throws IllegalArgumentException naming the attribute and value of a bad configuration
     * @throws IOException if the downloads folder or the CA file cannot be read
     */
    public DownloaderComponent(DownloaderConfig config, Clock clock, SpaceProbe space) throws IOException {
        this(config, clock, space, new Backoff(() -> ThreadLocalRandom.current().nextDouble()));
    }

    /** @param backoff the delays between attempts; randomised in production, fixed where the delays are the point */
    DownloaderComponent(DownloaderConfig config, Clock clock, SpaceProbe space, Backoff backoff) throws IOException {
        Settings settings = Settings.of(config);
        this.clock = clock;
        this.space = space;
        this.backoff = backoff;
        this.store = new StateStore(settings.downloads());
        AtomicInteger n = new AtomicInteger();
        this.httpThreads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "updraft-downloader-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.link = linkQuality(settings);
        this.throttle = Throttle.system(this::currentRate);
        this.context = context(settings, clock);
        store.prepare();
        loadStatuses();
        LOG.info("Downloader started: {}", describe(settings));
    }

    @Modified
    void modified(DownloaderConfig config) throws IOException {
        Settings updated = Settings.of(config);
        Settings before = context.settings();
        if (!updated.downloads().equals(before.downloads())) {
            LOG.warn("Downloader: the new home {} takes effect when the component restarts; downloads stay in {}",
                    updated.downloads().getParent(), before.downloads());
            updated = new Settings(before.downloads(), updated.rateLimit(), updated.meteredPolicy(),
                    updated.meteredRateLimit(), updated.checkpointBytes(), updated.connectTimeout(),
                    updated.readTimeout(), updated.minBytesPerSecond(), updated.minRateWindow(), updated.retryDelay(),
                    updated.maxRetryDelay(), updated.giveUpAfter(), updated.reserveBytes(), updated.poorLinkAttempts(),
                    updated.minAdaptiveRate(), updated.adaptiveRestoreAfter(), updated.networkCheckInterval(),
                    updated.caFile(), updated.urlPolicy());
        }
        if (updated.poorLinkAttempts() != before.poorLinkAttempts() || updated.minAdaptiveRate() != before
                .minAdaptiveRate() || !updated.adaptiveRestoreAfter().equals(before.adaptiveRestoreAfter())) {
            link = linkQuality(updated);
        }
        context = context(updated, clock);
        LOG.info("Downloader reconfigured: {}", describe(updated));
    }

    /** Stops every running download (they keep their data and throw PAUSED) and the HTTP client's threads. */
    @Deactivate
    @Override
    public void close() {
        List<Control> controls = new ArrayList<>(running.values());
        controls.forEach(c -> c.stop(Control.Stop.SHUTDOWN));
        try {
            for (Control c : controls) {
                if (!c.awaitEnd(STOP_GRACE_MILLIS)) {
                    LOG.warn("A download did not stop within {} ms", STOP_GRACE_MILLIS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        httpThreads.shutdownNow();
        LOG.info("Downloader stopped");
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    public void bindEventAdmin(EventAdmin admin) {
        eventAdmin.set(admin);
    }

    public void unbindEventAdmin(EventAdmin admin) {
        eventAdmin.compareAndSet(admin, null);
    }

    /** The highest-ranked monitor; greedy, so a better one registered later replaces it. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindNetworkMonitor(NetworkMonitor monitor) {
        networkMonitor.set(monitor);
        networkRead = 0;
    }

    public void unbindNetworkMonitor(NetworkMonitor monitor) {
        networkMonitor.compareAndSet(monitor, null);
        networkRead = 0;
    }

    @Override
    public Path download(DownloadRequest request) throws DownloadException, InterruptedException {
        Map<String, String> hashes = checkedHashes(request);
        DownloadRequest usable = usableUrls(request);
        Control control = new Control();
        if (running.putIfAbsent(request.id(), control) != null) {
            throw new DownloadException(Reason.INVALID_REQUEST, "download " + request.id() + " is already running");
        }
        Tracker tracker = new Tracker(usable, clock, s -> statuses.put(s.id(), s), eventAdmin::get);
        DownloadJob job = new DownloadJob(environment(), store, usable, hashes, control, tracker);
        try {
            return job.run();
        } catch (DownloadException e) {
            if (e.reason() == Reason.DISCARDED) {
                statuses.remove(request.id());
            } else {
                long bytes = e.reason() == Reason.INTEGRITY ? 0 : tracker.bytes();
                tracker.state(stateAfter(e.reason()), e.getMessage(), bytes, tracker.refetched());
            }
            throw e;
        } catch (InterruptedException e) {
            tracker.state(DownloadState.PARTIAL, "interrupted", tracker.bytes(), tracker.refetched());
            throw e;
        } finally {
            running.remove(request.id(), control);
            control.ended();
        }
    }

    @Override
    public Optional<DownloadStatus> status(String id) {
        return Optional.ofNullable(statuses.get(id));
    }

    @Override
    public List<DownloadStatus> statuses() {
        return List.copyOf(new TreeMap<>(statuses).values());
    }

    @Override
    public boolean pause(String id) {
        Control c = running.get(id);
        if (c == null) {
            return false;
        }
        c.stop(Control.Stop.PAUSE);
        return true;
    }

    @Override
    public boolean discard(String id) throws DownloadException {
        if (!PartialNames.valid(id)) {
            return false;
        }
        Control c = running.get(id);
        if (c != null) {
            c.stop(Control.Stop.DISCARD);
            try {
                if (!c.awaitEnd(STOP_GRACE_MILLIS)) {
                    throw new DownloadException(Reason.STORAGE, "download " + id + " did not stop within "
                            + STOP_GRACE_MILLIS + " ms; nothing deleted");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DownloadException(Reason.STORAGE, "interrupted while stopping download " + id, e);
            }
        }
        try {
            boolean deleted = store.delete(id);
            boolean known = statuses.remove(id) != null;
            return deleted || known || c != null;
        } catch (IOException e) {
            throw new DownloadException(Reason.STORAGE, "cannot delete download " + id + " in " + store.dir() + ": "
                    + e, e);
        }
    }

    private static DownloadState stateAfter(Reason reason) {
        if (reason == Reason.PAUSED) {
            return DownloadState.PAUSED;
        }
        return reason.retryable() ? DownloadState.PARTIAL : DownloadState.FAILED;
    }

    private static Map<String, String> checkedHashes(DownloadRequest r) throws DownloadException {
        if (!PartialNames.valid(r.id())) {
            throw new DownloadException(Reason.INVALID_REQUEST, "download id '" + r.id() + "' must not end in "
                    + StateStore.PART + ", " + StateStore.STATE + " or " + StateStore.TEMP
                    + ": those names are the downloader's own files");
        }
        Map<String, String> hashes = new TreeMap<>();
        r.hashes().forEach((a, v) -> hashes.put(a.toLowerCase(Locale.ROOT), v.toLowerCase(Locale.ROOT)));
        if (hashes.keySet().stream().noneMatch(Hashes::supports)) {
            throw new DownloadException(Reason.INVALID_REQUEST, "download " + r.id() + " has no supported hash "
                    + "(sha256, sha384 or sha512) among " + hashes.keySet());
        }
        for (Map.Entry<String, String> e : hashes.entrySet()) {
            if (Hashes.supports(e.getKey()) && !e.getValue().matches("[0-9a-f]+")) {
                throw new DownloadException(Reason.INVALID_REQUEST, "download " + r.id() + ": " + e.getKey()
                        + " '" + e.getValue() + "' is not hexadecimal");
            }
        }
        return hashes;
    }

    private DownloadRequest usableUrls(DownloadRequest r) throws DownloadException {
        UrlPolicy policy = context.settings().urlPolicy();
        List<URI> usable = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (URI u : r.urls()) {
            String refusal = policy.refusal(u);
            if (refusal == null) {
                usable.add(u);
            } else {
                refusals.add(refusal);
            }
        }
        if (usable.isEmpty()) {
            throw new DownloadException(Reason.INVALID_REQUEST, "download " + r.id() + " has no usable URL: "
                    + refusals);
        }
        if (!refusals.isEmpty()) {
            LOG.warn("Download {}: skipping URLs {}", r.id(), refusals);
            return new DownloadRequest(r.id(), r.updateId(), r.component(), usable, r.length(), r.hashes());
        }
        return r;
    }

    private DownloadJob.Environment environment() {
        return new DownloadJob.Environment() {
            @Override
            public Transfer.Context context() {
                return context;
            }

            @Override
            public NetworkStatus network() {
                networkRead = 0;
                return currentNetwork();
            }

            @Override
            public SpaceProbe space() {
                return space;
            }

            @Override
            public Backoff backoff() {
                return backoff;
            }
        };
    }

    /**
     * The network, read from the monitor at most once a second for the throttle, which asks on every chunk; a job
     * reads it afresh before every attempt.
     */
    private NetworkStatus currentNetwork() {
        long now = System.nanoTime();
        if (networkRead == 0 || now - networkRead >= NETWORK_CACHE_NANOS) {
            NetworkMonitor m = networkMonitor.get();
            NetworkStatus status = NetworkStatus.ASSUMED;
            if (m != null) {
                try {
                    status = m.network();
                } catch (RuntimeException e) {
                    LOG.warn("The network monitor failed; assuming an unmetered network is up", e);
                }
            }
            network = status;
            networkRead = now == 0 ? 1 : now;
        }
        return network;
    }

    private long currentRate() {
        return NetworkGate.rate(context.settings(), currentNetwork(), link.cap());
    }

    private void loadStatuses() throws IOException {
        for (PartialState s : store.all()) {
            boolean complete = s.complete() && Files.isRegularFile(store.complete(s.id()), LinkOption.NOFOLLOW_LINKS);
            DownloadState state = complete ? DownloadState.COMPLETE : DownloadState.PARTIAL;
            long bytes = complete ? s.length() : s.offset();
            statuses.put(s.id(), new DownloadStatus(s.id(), s.updateId(), s.component(), state, bytes, s.length(), 0,
                    null, s.urls().isEmpty() ? null : s.urls().get(0), 0, s.refetchedBytes(), "", clock.instant()));
        }
    }

    private LinkQuality linkQuality(Settings s) {
        return new LinkQuality(s.poorLinkAttempts(), s.minAdaptiveRate(), s.adaptiveRestoreAfter().toNanos());
    }

    private Transfer.Context context(Settings s, Clock c) throws IOException {
        SSLContext tls = TlsContexts.forCaFile(s.caFile());
        SSLParameters parameters = tls.getDefaultSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(s.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(tls)
                .sslParameters(parameters)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(httpThreads)
                .build();
        return new Transfer.Context(client, s, throttle, link, c, "updraft-downloader/1.1");
    }

    private static String describe(Settings s) {
        return "folder " + s.downloads() + ", rate limit " + (s.rateLimit() == 0 ? "none" : s.rateLimit() + " B/s")
                + ", metered " + s.meteredPolicy().name().toLowerCase(Locale.ROOT) + ", checkpoint every "
                + s.checkpointBytes() + " B, give up after " + s.giveUpAfter() + ", " + s.urlPolicy();
    }
}
