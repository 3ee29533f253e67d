package io.updraft.benchmarks.logforwarder;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Consent;
import io.updraft.telemetry.ConsentService;

/** Consent as on a device where nobody decided: the non-personal categories, diagnostics among them, on by default. */
final class FixedConsent implements ConsentService {
    @Override
    public int policyVersion() {
        return 1;
    }

    @Override
    public List<Consent> consents() {
        return Arrays.stream(Category.values()).map(this::consent).toList();
    }

    @Override
    public Consent consent(Category category) {
        return new Consent(category, category.personal() ? Consent.Status.DEFAULT_OFF : Consent.Status.DEFAULT_ON,
                null, 0);
    }

    @Override
    public boolean allowed(Category category) {
        return consent(category).allowed();
    }

    @Override
    public List<Consent> change(int policyVersion, Set<Category> grant, Set<Category> withdraw) {
        throw new UnsupportedOperationException("consent is fixed in the benchmark");
    }
}
