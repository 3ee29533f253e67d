package io.updraft.logforwarder.internal;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;

import io.updraft.logstore.LogStore;
import io.updraft.product.DeviceIdentity;
import io.updraft.product.NetworkStatus;
import io.updraft.telemetry.Anonymizer;
import io.updraft.telemetry.ConsentService;

/** Builds the sender and forwarder of a destination from its settings; usable without OSGi (tests, benchmarks). */
final class Destinations {
    private Destinations() {
    }

    /**
     * The sender for the destination.
     *
     * @throws IOException if a CA, client certificate, key or token file cannot be used; the message names it
     */
    static Sender sender(Settings s, DeviceIdentity device, String version, Clock clock) throws IOException {
        SSLContext tls = s.tls() ? TlsSetup.context(s.caFile(), s.clientCertFile(), s.clientKeyFile()) : null;
        RateLimiter pacer = RateLimiter.of(s.rateLimit());
        if (s.protocol() == Protocol.OTLP_HTTP) {
            Optional<String> token = s.tokenFile().isPresent() ? Optional.of(Secrets.token(s.tokenFile().get()))
                    : Optional.empty();
            SSLContext context = tls != null ? tls : TlsSetup.context(Optional.empty(), Optional.empty(), Optional.empty());
            return new OtlpSender(s, context, token, new OtlpJson(resource(s, device, version), version), pacer, clock);
        }
        SyslogFormat format = new SyslogFormat(s.facility(), hostname(s, device), s.appName(),
                ProcessHandle.current().pid(), s.sdEnterpriseNumber());
        return new SyslogSender(s, tls, format, pacer);
    }

    static Forwarder forwarder(Settings s, LogStore store, Sender sender, Supplier<Anonymizer> anonymizer,
            Supplier<ConsentService> consent, Supplier<NetworkStatus> network, Clock clock) {
        return new Forwarder(s, store, sender, new Preparer(store.storeId(), anonymizer, consent), network, clock,
                new Backoff(s.retryDelay(), s.maxRetryDelay(), ThreadLocalRandom.current()));
    }

    static String hostname(Settings s, DeviceIdentity device) {
        return s.hostname().isEmpty() ? device.deviceId() : s.hostname();
    }

    /** The OTLP resource: the device, named with OpenTelemetry's semantic conventions where they have a name. */
    static Map<String, Object> resource(Settings s, DeviceIdentity device, String version) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service.name", "updraft");
        r.put("service.version", version);
        r.put("host.id", device.deviceId());
        r.put("host.name", hostname(s, device));
        r.put("device.id", device.deviceId());
        r.put("updraft.product", device.product());
        r.put("updraft.hardware.revision", device.hardwareRevision());
        return r;
    }
}
