package io.leadsync.canary.domain.lead;

import io.leadsync.canary.adapters.out.persistence.CanaryRow;
import io.micronaut.core.annotation.Introspected;

/** Known bad: a domain class carrying a framework annotation and using an adapter's row. */
@Introspected
public final class FrameworkInTheDomain {
    public CanaryRow row() {
        return new CanaryRow();
    }
}
