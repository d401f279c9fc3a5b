package io.leadsync.domain.lead;

/** What an agent did with a lead: an outreach email, a call or a meeting. */
public enum ActivityType {
    EMAIL,
    CALL,
    MEETING
}
