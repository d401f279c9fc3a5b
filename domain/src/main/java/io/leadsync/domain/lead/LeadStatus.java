package io.leadsync.domain.lead;

/** Where an agent is with a lead. Mapped to each CRM's own status picklist by the connection's mapping. */
public enum LeadStatus {
    NEW,
    CONTACTED,
    ENGAGED,
    MEETING_BOOKED,
    QUALIFIED,
    DISQUALIFIED,
    NURTURE,
    CONVERTED
}
