package io.updraft.analysis.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Consent;
import io.updraft.telemetry.ConsentService;

/** Consent the test decides: every category granted at first; {@link #withdraw} and {@link #grant} change it. */
final class FakeConsent implements ConsentService {
    private final Map<Category, Consent> consents = new EnumMap<>(Category.class);

    FakeConsent(Instant grantedAt) {
        for (Category c : Category.values()) {
            grant(c, grantedAt);
        }
    }

    synchronized void grant(Category c, Instant at) {
        consents.put(c, new Consent(c, Consent.Status.GRANTED, at, 1));
    }

    synchronized void withdraw(Category c, Instant at) {
        consents.put(c, new Consent(c, Consent.Status.WITHDRAWN, at, 1));
    }

    @Override
    public int policyVersion() {
        return 1;
    }

    @Override
    public synchronized List<Consent> consents() {
        return new ArrayList<>(consents.values());
    }

    @Override
    public synchronized Consent consent(Category category) {
        return consents.get(category);
    }

    @Override
    public synchronized boolean allowed(Category category) {
        return consents.get(category).allowed();
    }

    @Override
    public List<Consent> change(int policyVersion, Set<Category> grant, Set<Category> withdraw) {
        throw new UnsupportedOperationException("the analysis never changes consent");
    }
}
