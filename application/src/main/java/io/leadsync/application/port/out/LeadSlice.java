package io.leadsync.application.port.out;

import io.leadsync.domain.lead.Lead;

import java.util.List;

/** One page of leads and how many match in all. */
public record LeadSlice(List<Lead> leads, long total) {
    public LeadSlice {
        leads = List.copyOf(leads);
    }
}
