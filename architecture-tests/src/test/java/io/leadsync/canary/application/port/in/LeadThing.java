package io.leadsync.canary.application.port.in;

/** Known bad: an inbound port interface not named for its use case. */
public interface LeadThing {
    void doIt();
}
