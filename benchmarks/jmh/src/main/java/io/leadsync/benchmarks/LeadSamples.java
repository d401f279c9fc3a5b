package io.leadsync.benchmarks;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** A typical agent-captured lead (ten fields filled), and the same person as a CRM holds it with a rep's edits. */
public final class LeadSamples {
    public static final Instant CAPTURED = Instant.parse("2026-12-01T09:00:00Z");
    public static final Instant CRM_EDITED = CAPTURED.plusSeconds(3_600);

    private LeadSamples() {
    }

    public static Map<LeadField, String> input() {
        Map<LeadField, String> values = new EnumMap<>(LeadField.class);
        values.put(LeadField.FIRST_NAME, "Grace");
        values.put(LeadField.LAST_NAME, "Hopper");
        values.put(LeadField.WORK_EMAIL, "grace.hopper@navy.example");
        values.put(LeadField.JOB_TITLE, "Rear Admiral");
        values.put(LeadField.COMPANY_NAME, "US Navy");
        values.put(LeadField.COMPANY_WEBSITE, "https://www.navy.example");
        values.put(LeadField.CITY, "Arlington");
        values.put(LeadField.MOBILE_PHONE, "+1 202 555 0100");
        values.put(LeadField.OUTREACH_SCORE, "87");
        values.put(LeadField.AGENT_ID, "agent-7");
        return values;
    }

    public static Lead lead() {
        return Lead.create(new WorkspaceId(UUID.fromString("00000000-0000-0000-0000-00000000000a")),
                new LeadId("lead-4711"), input(), CAPTURED);
    }

    /** The CRM's copy: the merge base plus a rep's new title and city, and one field the app never had. */
    public static Map<LeadField, String> crmValues() {
        Map<LeadField, String> values = new EnumMap<>(input());
        values.remove(LeadField.AGENT_ID);
        values.put(LeadField.JOB_TITLE, "Commodore");
        values.put(LeadField.CITY, "Washington");
        values.put(LeadField.INDUSTRY, "Government");
        return values;
    }

    /** What the last sync left both sides agreeing on: the lead as captured. */
    public static Map<LeadField, String> base() {
        Map<LeadField, String> values = new EnumMap<>(input());
        values.remove(LeadField.AGENT_ID);
        return values;
    }

    /** The whole lead as a record to write, as "sync now" sends it. */
    public static CrmRecord record() {
        Lead lead = lead();
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        for (LeadField field : LeadField.values()) {
            lead.value(field).ifPresent(value -> values.put(field, Optional.of(value)));
        }
        values.put(LeadField.LEAD_ID, Optional.of(lead.id().value()));
        return new CrmRecord(lead.id(), values);
    }
}
