package io.leadsync.application.port.in.capture;

import io.leadsync.domain.lead.Lead;

import java.util.List;

/** One page of leads, with the page asked for and how many leads match in all. */
public record LeadPage(List<Lead> leads, int page, int size, long total) {
    public LeadPage {
        leads = List.copyOf(leads);
    }

    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }
}
