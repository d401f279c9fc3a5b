package io.leadsync.application.port.in.administer;

/**
 * Notes every connection's levels now (oldest waiting lead, calls used today) for the Overview's lag and budget
 * charts, which no event records; run every minute by each node (the store keeps the hour's highest, so nodes agree).
 */
public interface RecordOverviewSamplesUseCase {
    /** Answers how many connections were sampled. */
    int sample();
}
