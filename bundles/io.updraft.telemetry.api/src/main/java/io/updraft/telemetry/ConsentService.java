package io.updraft.telemetry;

import java.util.List;
import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The user's consent per telemetry category, kept durably with the time and the privacy policy version it was
 * given for. Personal categories are never collected without a grant; a new policy version requires grants to be
 * renewed; a withdrawal stops collection of the category at once and purges its stored events before
 * {@link #change} returns.
 */
@ProviderType
public interface ConsentService {

    /** The version of the privacy policy in force; grants must be made for it. */
    int policyVersion();

    /** The consent in force for every category, in {@link Category} order. */
    List<Consent> consents();

    Consent consent(Category category);

    /** Whether events of the category may be collected now. */
    boolean allowed(Category category);

    /**
     * Grants and withdraws in one durable step.
     *
     * @param policyVersion the policy version the user was shown; must be {@link #policyVersion()} when
     *        {@code grant} is not empty
     * @return the consent in force for every category afterwards
     * @throws IllegalArgumentException if a category is in both sets, or grants are made for another policy
     *         version; the message names the value
     * @throws TelemetryException if the decision could not be stored or stored events could not be purged; the
     *         consent in force is then unchanged, or withdrawn if only the purge failed
     */
    List<Consent> change(int policyVersion, Set<Category> grant, Set<Category> withdraw) throws TelemetryException;
}
