package io.leadsync.domain.sync;

import io.leadsync.domain.crm.ConflictPolicy;

import java.util.Objects;
import java.util.Optional;

/**
 * How a field changed on both sides to different values was settled: the rule that decided, which side won, and
 * both values, so the audit can show an admin what was overwritten.
 */
public record ConflictResolution(ConflictPolicy rule, Side winner, Optional<String> appValue,
                                 Optional<String> crmValue) {
    public ConflictResolution {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(winner, "winner");
        Objects.requireNonNull(appValue, "appValue");
        Objects.requireNonNull(crmValue, "crmValue");
    }
}
