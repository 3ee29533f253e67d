package io.updraft.checker.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Updraft update checker",
        description = "Which update source to ask, how often, and which releases count as updates for this device")
public @interface CheckerConfig {

    @AttributeDefinition(description = "Name of the update source to ask (its updraft.source service property), e.g. production or staging")
    String source() default "production";

    @AttributeDefinition(description = "Time between periodic checks, ISO-8601 duration, at least PT1M")
    String interval() default "PT6H";

    @AttributeDefinition(description = "Random spread of every delay, as a fraction of it (0 to 0.5), so a fleet does not ask all at once")
    double jitter() default 0.1;

    @AttributeDefinition(description = "Delay before the first periodic check after start, ISO-8601 duration")
    String initialDelay() default "PT5M";

    @AttributeDefinition(description = "Delay before retrying after a temporary failure, doubled on each further failure up to the interval; ISO-8601 duration, at least PT10S")
    String retryDelay() default "PT1M";

    @AttributeDefinition(description = "Whether periodic checks run; on-demand checks work either way")
    boolean enabled() default true;

    @AttributeDefinition(description = "Whether releases of components not installed on this device are offered")
    boolean offerNewComponents() default false;
}
