package io.updraft.telemetry;

import java.time.Instant;
import java.util.Objects;

/**
 * The consent in force for one category.
 *
 * @param category the category
 * @param status whether events of the category are collected, and why
 * @param decidedAt when the user decided; null when no decision was made ({@link Status#DEFAULT_ON},
 *        {@link Status#DEFAULT_OFF})
 * @param policyVersion the privacy policy version the decision was made for; 0 when no decision was made
 */
public record Consent(Category category, Status status, Instant decidedAt, int policyVersion) {

    /** Where a consent comes from. */
    public enum Status {
        /** The user granted it for the current policy version. */
        GRANTED,
        /** The user withdrew it; stays withdrawn across policy versions until granted again. */
        WITHDRAWN,
        /** No decision; the category is collected by default (never a personal category). */
        DEFAULT_ON,
        /** No decision; the category is not collected until the user opts in. */
        DEFAULT_OFF,
        /** Granted for an earlier policy version; not collected until granted again for the current one. */
        RENEWAL_REQUIRED
    }

    public Consent {
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(status, "status");
        boolean decided = status != Status.DEFAULT_ON && status != Status.DEFAULT_OFF;
        if (decided != (decidedAt != null) || decided != (policyVersion > 0)) {
            throw new IllegalArgumentException("consent for " + category.id() + " with status " + status
                    + " needs " + (decided ? "a decision time and a policy version above 0" : "no decision time and policy version 0")
                    + ", got " + decidedAt + " and " + policyVersion);
        }
        if (status == Status.DEFAULT_ON && category.personal()) {
            throw new IllegalArgumentException("personal category " + category.id() + " cannot be on by default");
        }
    }

    /** Whether events of the category may be collected and stored. */
    public boolean allowed() {
        return status == Status.GRANTED || status == Status.DEFAULT_ON;
    }
}
