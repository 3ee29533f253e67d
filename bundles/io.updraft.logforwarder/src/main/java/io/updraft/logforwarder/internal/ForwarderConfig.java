package io.updraft.logforwarder.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Updraft log forwarder",
        description = "One destination (OTLP/HTTP collector or syslog relay over TLS) the log store is forwarded to")
public @interface ForwarderConfig {

    @AttributeDefinition(description = "Destination name, e.g. collector; names its cursor directory")
    String name();

    @AttributeDefinition(description = "otlp-http or syslog-tls")
    String protocol();

    @AttributeDefinition(description = "otlp-http: e.g. https://collector:4318/v1/logs; syslog-tls: e.g. tls://relay:6514")
    String url();

    @AttributeDefinition(description = "Root of Updraft's files; the cursor lives in logforwarder/<name>/")
    String home();

    @AttributeDefinition(description = "Glob patterns of the log store streams forwarded")
    String[] streams() default {"telemetry.*", "log", "store.drops"};

    @AttributeDefinition(required = false, description = "PEM file of the CAs trusted for TLS instead of the JVM's trust store")
    String caFile() default "";

    @AttributeDefinition(required = false, description = "PEM client certificate (chain) for mutual TLS")
    String clientCertFile() default "";

    @AttributeDefinition(required = false, description = "PEM private key of the client certificate; mode 0600 or stricter")
    String clientKeyFile() default "";

    @AttributeDefinition(required = false, description = "otlp-http: file holding the bearer token alone; mode 0600 or stricter")
    String tokenFile() default "";

    @AttributeDefinition(description = "Most records in one batch")
    int batchMaxRecords() default 500;

    @AttributeDefinition(description = "Most payload bytes read into one batch, e.g. 512KiB")
    String batchMaxBytes() default "512KiB";

    @AttributeDefinition(description = "Longest a record waits for its batch to fill, e.g. PT10S or 10s")
    String batchMaxDelay() default "PT10S";

    @AttributeDefinition(description = "otlp-http body compression: gzip or none")
    String compression() default "gzip";

    @AttributeDefinition(description = "Bandwidth cap in bytes per second on the wire; 0: none")
    long rateLimit() default 0;

    @AttributeDefinition(description = "On a metered link: send (everything), critical (crashes, store drops and "
            + "WARN+ log entries; other log entries are dropped and counted, other streams wait) or defer (wait)")
    String meteredPolicy() default "critical";

    @AttributeDefinition(description = "First retry delay; doubles per failure up to maxRetryDelay, with full jitter")
    String retryDelay() default "PT1S";

    @AttributeDefinition(description = "Longest retry delay")
    String maxRetryDelay() default "PT5M";

    @AttributeDefinition(description = "Connect and response timeout; also the longest a syslog write may make "
            + "no progress before the connection counts as broken")
    String timeout() default "PT30S";

    @AttributeDefinition(description = "Allow plain http:// or tcp:// to hosts other than 127.0.0.1, localhost "
            + "and ::1. For lab networks only: anyone on the path can read and alter the logs")
    boolean allowInsecure() default false;

    @AttributeDefinition(description = "syslog-tls: APP-NAME")
    String appName() default "updraft";

    @AttributeDefinition(required = false, description = "syslog-tls: HOSTNAME; empty: the device ID")
    String hostname() default "";

    @AttributeDefinition(description = "syslog-tls: facility name (kern, user, daemon, local0-local7, ...)")
    String facility() default "local0";

    @AttributeDefinition(description = "syslog-tls: how long after a batch was written the connection must still be "
            + "open before the batch counts as delivered; longer than the round trip to the relay plus the time the "
            + "relay takes to read. Batches keep going meanwhile, up to maxUnconfirmedRecords")
    String confirmDelay() default "PT1S";

    @AttributeDefinition(description = "syslog-tls: most records written and not yet confirmed; writing pauses "
            + "while a full batch would exceed it. It bounds the records sent twice after a broken connection or a "
            + "restart, and catching up to maxUnconfirmedRecords per confirmDelay. At least batchMaxRecords")
    int maxUnconfirmedRecords() default 20_000;

    @AttributeDefinition(description = "syslog-tls: private enterprise number of the structured data ID updraft@N")
    int sdEnterpriseNumber() default 32473;
}
