package io.updraft.install;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Declares components: product plugins provide one, and so does the runtime for components described in
 * configuration. When several catalogs declare the same component, the installer refuses to install it and names
 * the catalogs.
 */
@ConsumerType
public interface ComponentCatalog {
    /** A short name for messages, e.g. {@code product robot} or {@code configuration}. */
    String catalogName();

    /** The components this catalog declares; never null. */
    List<ComponentSpec> components();
}
