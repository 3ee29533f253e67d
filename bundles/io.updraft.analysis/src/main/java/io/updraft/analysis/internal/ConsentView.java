package io.updraft.analysis.internal;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import io.updraft.telemetry.Category;
import io.updraft.telemetry.Consent;
import io.updraft.telemetry.ConsentService;

/**
 * What the analysis may use, read from the {@link ConsentService} at each question so a withdrawal counts at once.
 * Without a consent service every category counts as allowed: the telemetry runtime stores only consented events,
 * so the store holds nothing the analysis must not see, and the log stream is then analysed as before.
 */
interface ConsentView {
    ConsentView ALL_ALLOWED = new ConsentView() {
        @Override
        public Set<Category> denied() {
            return EnumSet.noneOf(Category.class);
        }

        @Override
        public Instant grantedAt(Category category) {
            return null;
        }
    };

    /** The categories whose data must not be kept or read now. */
    Set<Category> denied();

    /** When the category was granted, for a category in force by the user's grant; null otherwise. */
    Instant grantedAt(Category category);

    /** A view of the service, or of no service (everything allowed) while it is null. */
    static ConsentView of(java.util.function.Supplier<ConsentService> service) {
        return new ConsentView() {
            @Override
            public Set<Category> denied() {
                ConsentService s = service.get();
                Set<Category> out = EnumSet.noneOf(Category.class);
                if (s != null) {
                    for (Category c : Category.values()) {
                        if (!s.allowed(c)) {
                            out.add(c);
                        }
                    }
                }
                return out;
            }

            @Override
            public Instant grantedAt(Category category) {
                ConsentService s = service.get();
                Consent c = s == null ? null : s.consent(category);
                return c != null && c.status() == Consent.Status.GRANTED ? c.decidedAt() : null;
            }
        };
    }
}
