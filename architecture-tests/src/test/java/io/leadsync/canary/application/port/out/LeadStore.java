package io.leadsync.canary.application.port.out;

/** Canary: an outbound port, which an inbound adapter must not reach around the use cases. */
public interface LeadStore {
    void save(String leadId);
}
