package io.updraft.anonymizer.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * How telemetry is anonymized before it is stored. List properties accept typed arrays as well as one string:
 * {@code rules} entries are separated by {@code ;}, the other lists by commas or spaces, so a plain
 * {@code .cfg} file can hold them.
 */
@ObjectClassDefinition(name = "Updraft anonymizer",
        description = "Rules that remove, redact, pseudonymize and generalize personal data in telemetry")
public @interface AnonymizerConfig {

    @AttributeDefinition(description = "Updraft home directory; the pseudonym key is kept in telemetry/anonymizer.key")
    String home() default "/var/lib/updraft";

    @AttributeDefinition(description = "How long one pseudonym key is used (ISO-8601 duration, PT1H to P366D); "
            + "the same identifier gets the same pseudonym within a period and a different one in the next")
    String keyPeriod() default "P7D";

    @AttributeDefinition(description = "Rules, 'KIND ARGUMENTS' separated by ';'. Kinds: dropEvent SCOPE, "
            + "drop TARGET, redact TARGET, keep TARGET, text TARGET, pseudonym TARGET, ip TARGET, "
            + "bucket TARGET WIDTH, time TARGET hour|day|month, location LAT_TARGET LON_TARGET GRID_DEGREES, "
            + "serial REGEX. TARGET is [SCOPE:]dotted.path ('*' matches one key); SCOPE is *, a category "
            + "or a schema name")
    String[] rules() default {
        "drop *:password", "drop *:token", "drop *:secret",
        "pseudonym *:mac", "pseudonym *:bssid", "pseudonym *:serialNumber", "pseudonym *:user",
        "ip *:ip", "ip *:clientIp", "ip *:remoteAddress",
        "location *:lat *:lon 0.01", "location *:latitude *:longitude 0.01",
        "text updraft.crash.process:logLines", "text updraft.crash:message", "text updraft.crash:rootCause",
        "text updraft.crash:stack", "text updraft.crash:thread", "text updraft.telemetry.collector:problem",
        "serial (?<![A-Za-z0-9])(?i:SN|S/N|serial(?: no[.]?| number)?)[:#]?[ ]*"
                + "(?<id>(?=[A-Z-]*[0-9])[A-Z0-9][A-Z0-9-]{5,23})(?![A-Za-z0-9-])"
    };

    @AttributeDefinition(description = "Identifiers looked for in free text: email, phone, mac, ip, homePath, serial")
    String[] detectors() default { "email", "phone", "mac", "ip", "homePath", "serial" };

    @AttributeDefinition(description = "Whether strings no rule names are searched for identifiers like 'text' "
            + "fields; off, only 'text' fields are searched")
    boolean scanUnlistedText() default true;

    @AttributeDefinition(description = "What becomes of IP addresses found in free text: truncate (to the "
            + "prefix lengths below) or redact")
    String textIpMode() default "truncate";

    @AttributeDefinition(description = "Whether e-mail addresses, phone numbers, MAC addresses, serial numbers "
            + "and user names found in free text become keyed pseudonyms instead of plain markers")
    boolean textPseudonyms() default false;

    @AttributeDefinition(description = "IPv4 addresses keep this many leading bits (0-24)")
    int ipv4PrefixLength() default 24;

    @AttributeDefinition(description = "IPv6 addresses keep this many leading bits (0-48)")
    int ipv6PrefixLength() default 48;

    @AttributeDefinition(description = "Smallest group of events sharing quasi-identifier values that may leave "
            + "the device (at least 2)")
    int k() default 5;

    @AttributeDefinition(required = false, description = "Quasi-identifier targets ([SCOPE:]dotted.path) for "
            + "the k-anonymity check of outgoing batches; empty: no check")
    String[] quasiIdentifiers() default { "*:lat", "*:lon", "*:latitude", "*:longitude" };
}
