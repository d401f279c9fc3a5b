package io.leadsync.domain.lead;

/** How strongly a lead engages with outreach, as the product rates it. */
public enum EngagementLevel {
    NONE,
    LOW,
    MEDIUM,
    HIGH
}
