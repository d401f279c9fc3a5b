package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.RecordOverviewSamplesUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples every connection's sync lag and calls used every {@code leadsync.overview.sample-interval} (1 min) for the
 * Overview's charts. Every node runs it; the store keeps each hour's highest, so more nodes change nothing.
 */
@Singleton
@Requires(property = "leadsync.overview.samples.enabled", notEquals = "false")
final class OverviewSampleJob {
    private static final Logger LOG = LoggerFactory.getLogger(OverviewSampleJob.class);

    private final RecordOverviewSamplesUseCase samples;

    OverviewSampleJob(RecordOverviewSamplesUseCase samples) {
        this.samples = samples;
    }

    @Scheduled(initialDelay = "${leadsync.overview.sample-initial-delay:5s}",
            fixedDelay = "${leadsync.overview.sample-interval:1m}")
    void run() {
        try {
            samples.sample();
        } catch (RuntimeException e) {
            // A missed sample leaves a gap of one minute in an hour's highest: the next one fills the hour.
            LOG.warn("Sampling the overview failed: {}", e.toString());
        }
    }
}
