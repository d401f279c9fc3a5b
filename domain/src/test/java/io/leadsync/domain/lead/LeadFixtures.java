package io.leadsync.domain.lead;

import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** Test builder for leads: {@code LeadFixtures.aLead().withEmail("ada@acme.com").build()}. */
public final class LeadFixtures {
    public static final WorkspaceId WORKSPACE = new WorkspaceId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    public static final WorkspaceId OTHER_WORKSPACE = new WorkspaceId(UUID.fromString("00000000-0000-0000-0000-00000000000b"));
    public static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    /** An hour after {@link #T0}: a later change. */
    public static final Instant T1 = T0.plusSeconds(3_600);
    /** Two hours after {@link #T0}. */
    public static final Instant T2 = T0.plusSeconds(7_200);

    private WorkspaceId workspaceId = WORKSPACE;
    private String leadId = "lead-1";
    private Instant createdAt = T0;
    private final Map<LeadField, String> values = new EnumMap<>(LeadField.class);

    private LeadFixtures() {
        values.put(LeadField.FIRST_NAME, "Ada");
        values.put(LeadField.LAST_NAME, "Lovelace");
        values.put(LeadField.WORK_EMAIL, "ada@analytical.example");
        values.put(LeadField.COMPANY_NAME, "Analytical Engines Ltd");
        values.put(LeadField.AGENT_ID, "agent-7");
    }

    public static LeadFixtures aLead() {
        return new LeadFixtures();
    }

    /** The raw input of a typical lead, as an agent would send it. */
    public static Map<LeadField, String> typicalInput() {
        return new EnumMap<>(aLead().values);
    }

    public LeadFixtures inWorkspace(WorkspaceId workspaceId) {
        this.workspaceId = workspaceId;
        return this;
    }

    public LeadFixtures withId(String leadId) {
        this.leadId = leadId;
        return this;
    }

    public LeadFixtures createdAt(Instant createdAt) {
        this.createdAt = createdAt;
        return this;
    }

    public LeadFixtures withEmail(String email) {
        return with(LeadField.WORK_EMAIL, email);
    }

    public LeadFixtures withStatus(LeadStatus status) {
        return with(LeadField.STATUS, status.name());
    }

    public LeadFixtures withAgent(String agentId) {
        return with(LeadField.AGENT_ID, agentId);
    }

    public LeadFixtures with(LeadField field, String value) {
        values.put(field, value);
        return this;
    }

    public LeadFixtures without(LeadField field) {
        values.remove(field);
        return this;
    }

    /** The raw input this builder would create the lead from. */
    public Map<LeadField, String> input() {
        return new EnumMap<>(values);
    }

    public Lead build() {
        return Lead.create(workspaceId, new LeadId(leadId), values, createdAt);
    }
}
