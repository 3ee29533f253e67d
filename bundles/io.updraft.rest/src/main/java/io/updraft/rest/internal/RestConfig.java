package io.updraft.rest.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Updraft REST API", description = "Local REST API under /updraft/api/v1")
public @interface RestConfig {

    @AttributeDefinition(description = "File holding the bearer token alone; generated with mode 0600 on first start")
    String tokenFile() default "/etc/updraft/updraft-api.token";
}
