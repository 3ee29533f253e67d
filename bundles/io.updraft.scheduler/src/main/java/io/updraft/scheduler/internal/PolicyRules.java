package io.updraft.scheduler.internal;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import io.updraft.update.Names;

/**
 * Overrides of the default policy per product or per component, written
 * {@code robot: install=window; headset: install=confirm, download=now}. Keys: {@code download}, {@code install},
 * {@code window}, {@code confirmationTimeout}, {@code confirmationDefault}. A component's override beats its
 * product's, which beats the default, key by key.
 */
final class PolicyRules {
    private static final Pattern PRODUCT = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private final Map<String, Map<String, String>> products;
    private final Map<String, Map<String, String>> components;

    private PolicyRules(Map<String, Map<String, String>> products, Map<String, Map<String, String>> components) {
        this.products = products;
        this.components = components;
    }

    /**
     * @throws IllegalArgumentException naming the attribute, the entry and what is wrong with it
     */
    static PolicyRules parse(String[] productPolicies, String[] componentPolicies) {
        return new PolicyRules(entries("productPolicies", productPolicies, true),
                entries("componentPolicies", componentPolicies, false));
    }

    /** The policy of one component's release on a device of the given product. */
    Policy resolve(Policy defaults, String product, String component) {
        Policy p = apply(defaults, products.getOrDefault(product, Map.of()), "productPolicies " + product);
        return apply(p, components.getOrDefault(component, Map.of()), "componentPolicies " + component);
    }

    private static Policy apply(Policy base, Map<String, String> values, String where) {
        Policy p = base;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String attribute = where + " " + e.getKey();
            String v = e.getValue();
            switch (e.getKey()) {
                case "download":
                    p = new Policy(Policy.when(attribute, v), p.install(), p.window(), p.confirmationTimeout(), p.installOnTimeout());
                    break;
                case "install":
                    p = new Policy(p.download(), Policy.when(attribute, v), p.window(), p.confirmationTimeout(), p.installOnTimeout());
                    break;
                case "window":
                    p = new Policy(p.download(), p.install(), Window.parse(attribute, v), p.confirmationTimeout(), p.installOnTimeout());
                    break;
                case "confirmationTimeout":
                    p = new Policy(p.download(), p.install(), p.window(), Settings.positive(attribute, v), p.installOnTimeout());
                    break;
                case "confirmationDefault":
                    p = new Policy(p.download(), p.install(), p.window(), p.confirmationTimeout(), Policy.installOnTimeout(attribute, v));
                    break;
                default:
                    throw new AssertionError(e.getKey());
            }
        }
        return p;
    }

    private static Map<String, Map<String, String>> entries(String attribute, String[] values, boolean product) {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (String value : values == null ? new String[0] : values) {
            for (String entry : value.split(";")) {
                if (entry.isBlank()) {
                    continue;
                }
                int colon = entry.indexOf(':');
                if (colon < 0) {
                    throw new IllegalArgumentException(attribute + " entry '" + entry.strip()
                            + "' must be NAME: key=value, key=value");
                }
                String name = entry.substring(0, colon).strip();
                checkName(attribute, name, product);
                if (result.containsKey(name)) {
                    throw new IllegalArgumentException(attribute + " names '" + name + "' twice");
                }
                Map<String, String> settings = settings(attribute + " " + name, entry.substring(colon + 1));
                // Parsed once here so that a bad value fails at configuration time, not at the next update.
                apply(Settings.DEFAULT_POLICY, settings, attribute + " " + name);
                result.put(name, settings);
            }
        }
        return Collections.unmodifiableMap(result);
    }

    private static void checkName(String attribute, String name, boolean product) {
        if (product) {
            if (!PRODUCT.matcher(name).matches()) {
                throw new IllegalArgumentException(attribute + ": product '" + name + "' must match " + PRODUCT.pattern());
            }
        } else {
            try {
                Names.requireComponentName(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(attribute + ": " + e.getMessage(), e);
            }
        }
    }

    private static Map<String, String> settings(String where, String text) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair.strip() : pair.substring(0, eq).strip();
            if (eq < 0 || key.isEmpty()) {
                throw new IllegalArgumentException(where + ": '" + pair.strip() + "' must be key=value");
            }
            if (!Settings.OVERRIDABLE.contains(key)) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'; use one of " + Settings.OVERRIDABLE);
            }
            if (settings.put(key, pair.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException(where + " sets '" + key + "' twice");
            }
        }
        return settings;
    }
}
