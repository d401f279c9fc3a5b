package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.RaiseAlertsUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at every connection's health every {@code leadsync.alerts.interval} (30 s) and sends what changed. Every node
 * runs it; the incident log in PostgreSQL lets one node, once, send each alert and each recovery.
 */
@Singleton
@Requires(property = "leadsync.alerts.enabled", notEquals = "false")
final class AlertJob {
    private static final Logger LOG = LoggerFactory.getLogger(AlertJob.class);

    private final RaiseAlertsUseCase alerts;

    AlertJob(RaiseAlertsUseCase alerts) {
        this.alerts = alerts;
    }

    @Scheduled(initialDelay = "${leadsync.alerts.initial-delay:10s}", fixedDelay = "${leadsync.alerts.interval:30s}")
    void run() {
        try {
            alerts.raise();
        } catch (RuntimeException e) {
            // The next run looks again: an incident not opened yet is still there to open.
            LOG.warn("Raising alerts failed: {}", e.toString());
        }
    }
}
