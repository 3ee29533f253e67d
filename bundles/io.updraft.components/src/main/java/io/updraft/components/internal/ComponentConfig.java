package io.updraft.components.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The fixed keys of a component configuration, for tools that show metatype. The per-service
 * ({@code service.<name>.*}), per-check ({@code check.<name>.*}) and {@code property.*} keys have names chosen by
 * the user and are described in {@code etc/io.updraft.component-hello.cfg.example}.
 */
@ObjectClassDefinition(name = "Updraft component",
        description = "A component declared in configuration: how it is installed, its services, health checks, "
                + "configuration and data paths. One factory configuration per component.")
public @interface ComponentConfig {
    @AttributeDefinition(description = "Component name: 1-64 characters of a-z, 0-9, '.', '_', '-'")
    String name();

    @AttributeDefinition(required = false, description = "Install kind: archive (file tree), image (raw image) or a plugin's kind")
    String installer() default "archive";

    @AttributeDefinition(required = false, description = "File trees: absolute path kept as a link to the active slot")
    String link() default "";

    @AttributeDefinition(required = false, description = "How long health checks may take after a switch, e.g. 5m")
    String trialDeadline() default "5m";

    @AttributeDefinition(required = false, description = "Configuration files or directories, absolute, comma-separated")
    String configPaths() default "";

    @AttributeDefinition(required = false, description = "Data files or directories, absolute, comma-separated")
    String dataPaths() default "";

    @AttributeDefinition(required = false, description = "Configuration migration program and arguments, run in the staged slot")
    String migrate() default "";

    @AttributeDefinition(name = "imageSlot.a", required = false, description = "Images: partition or file of slot a")
    String imageSlot_a() default "";

    @AttributeDefinition(name = "imageSlot.b", required = false, description = "Images: partition or file of slot b")
    String imageSlot_b() default "";

    @AttributeDefinition(required = false, description = "User owning installed files (name or id)")
    String owner() default "";

    @AttributeDefinition(required = false, description = "Group owning installed files (name or id)")
    String group() default "";

    @AttributeDefinition(required = false, description = "Service names in declaration order; each has service.<name>.* keys")
    String services() default "";

    @AttributeDefinition(required = false, description = "Health check names; each has check.<name>.* keys")
    String healthChecks() default "";
}
