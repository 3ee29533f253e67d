package io.updraft.update;

import java.util.List;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Where releases come from: a signed static repository, a hawkBit server. Registered as a service with the
 * service property {@code updraft.source} holding {@link #name()}.
 */
@ConsumerType
public interface UpdateSource {
    /** Service property carrying the source's name. */
    String NAME_PROPERTY = "updraft.source";

    /** A short stable name, e.g. {@code production} or {@code staging}. */
    String name();

    /**
     * Every release the source currently offers, verified by the source's own trust mechanism. Compatibility with
     * this device is for the caller to decide.
     *
     * @throws SourceException if no trustworthy answer could be had; nothing is offered then
     */
    List<Offer> offers() throws SourceException;
}
