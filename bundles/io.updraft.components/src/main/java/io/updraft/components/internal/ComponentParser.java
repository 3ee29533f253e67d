package io.updraft.components.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import io.updraft.install.ComponentSpec;
import io.updraft.install.HealthCheckSpec;
import io.updraft.install.ServiceSpec;
import io.updraft.update.Names;

/**
 * Turns one {@code io.updraft.component} configuration into a {@link ComponentSpec}. Every key must be one this
 * parser knows: a misspelt key would otherwise silently drop a service or a health check.
 */
final class ComponentParser {
    static final Set<String> TOP_KEYS = Set.of("name", "installer", "link", "trialDeadline", "configPaths",
            "dataPaths", "migrate", "imageSlot.a", "imageSlot.b", "owner", "group", "services", "healthChecks");
    static final String PROPERTY = "property.";

    private static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern ACCOUNT = Pattern.compile("[0-9]{1,10}|[A-Za-z_][A-Za-z0-9._-]{0,31}\\$?");

    private ComponentParser() {
    }

    /** @throws IllegalArgumentException naming the key and the value that are wrong */
    static ComponentSpec parse(Map<String, ?> properties) {
        RawConfig c = new RawConfig(properties);
        String name = c.required("name");
        try {
            Names.requireComponentName(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("name: " + e.getMessage(), e);
        }
        String installer = c.string("installer", ComponentSpec.ARCHIVE);
        if (!KIND.matcher(installer).matches()) {
            throw new IllegalArgumentException("installer '" + installer + "' is not an install kind: archive, image or "
                    + "a plugin's kind (a-z, 0-9, '.', '_', '-')");
        }
        List<String> services = names(c, "services");
        List<String> checks = names(c, "healthChecks");
        Map<String, String> props = checkKeys(c, services, checks);
        boolean image = ComponentSpec.IMAGE.equals(installer);
        Path link = c.path("link");
        if (link != null && image) {
            throw new IllegalArgumentException("link '" + link + "' is for file trees; installer is image");
        }
        Map<String, Path> slots = new LinkedHashMap<>();
        for (String s : List.of("a", "b")) {
            Path p = c.path("imageSlot." + s);
            if (p != null) {
                if (!image) {
                    throw new IllegalArgumentException("imageSlot." + s + " '" + p + "' is only for installer = image, not "
                            + installer);
                }
                slots.put(s, p);
            }
        }
        if (slots.size() == 1) {
            throw new IllegalArgumentException("imageSlot." + (slots.containsKey("a") ? "b" : "a")
                    + " is missing: set both image slots or neither");
        }
        if (slots.size() == 2 && slots.get("a").equals(slots.get("b"))) {
            // Installing into the inactive slot would overwrite the running one.
            throw new IllegalArgumentException("imageSlot.a and imageSlot.b are both '" + slots.get("a")
                    + "': the two slots must be different partitions or files");
        }
        List<ServiceSpec> serviceSpecs = ServiceParser.parse(c, services);
        List<HealthCheckSpec> checkSpecs = CheckParser.parse(c, checks, services);
        return new ComponentSpec(name, installer, link, serviceSpecs, checkSpecs, c.duration("trialDeadline", "5m"),
                c.paths("configPaths"), c.paths("dataPaths"), c.words("migrate"), slots, account(c, "owner"),
                account(c, "group"), props);
    }

    /** A list of service or check names: valid and unique. */
    private static List<String> names(RawConfig c, String key) {
        List<String> names = c.list(key);
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (!NAME.matcher(n).matches()) {
                throw new IllegalArgumentException(key + " item '" + n
                        + "' is not a valid name: 1-64 characters of a-z, 0-9, '.', '_', '-'");
            }
            if (!seen.add(n)) {
                throw new IllegalArgumentException(key + " lists '" + n + "' twice");
            }
        }
        return names;
    }

    /** Refuses every key no part of the parser reads; returns the {@code property.*} values. */
    private static Map<String, String> checkKeys(RawConfig c, List<String> services, List<String> checks) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : c.keys()) {
            if (TOP_KEYS.contains(key)) {
                continue;
            }
            if (key.startsWith(PROPERTY) && key.length() > PROPERTY.length()) {
                properties.put(key.substring(PROPERTY.length()), c.string(key, ""));
            } else if (key.startsWith(ServiceParser.PREFIX + ".")) {
                nested(key, ServiceParser.PREFIX, "services", services, ServiceParser.FIELDS,
                        Keys.split(key, ServiceParser.PREFIX, services).filter(s -> ServiceParser.isField(s.field())));
            } else if (key.startsWith(CheckParser.PREFIX + ".")) {
                nested(key, CheckParser.PREFIX, "healthChecks", checks, CheckParser.FIELDS,
                        Keys.split(key, CheckParser.PREFIX, checks).filter(s -> CheckParser.isField(s.field())));
            } else {
                List<String> known = new ArrayList<>(TOP_KEYS);
                known.sort(null);
                throw new IllegalArgumentException("key '" + key + "' is not recognised; keys are " + known
                        + ", property.<name>, service.<name>.<field> and check.<name>.<field>");
            }
        }
        return properties;
    }

    private static void nested(String key, String prefix, String listKey, List<String> declared, List<String> fields,
            Optional<Keys.Split> split) {
        if (split.isPresent()) {
            return;
        }
        boolean listed = declared.stream().anyMatch(d -> key.equals(prefix + "." + d) || key.startsWith(prefix + "." + d + "."));
        if (!listed) {
            throw new IllegalArgumentException("key '" + key + "' is for " + prefix + " '" + Keys.guessName(key, prefix)
                    + "', which " + listKey + " does not list " + declared);
        }
        throw new IllegalArgumentException("key '" + key + "' is not recognised; " + prefix + " keys are " + prefix
                + ".<name>." + fields);
    }

    private static String account(RawConfig c, String key) {
        String v = c.string(key, null);
        if (v != null && !ACCOUNT.matcher(v).matches()) {
            throw new IllegalArgumentException(key + " '" + v + "' is not a user or group name or numeric id");
        }
        return v;
    }
}
