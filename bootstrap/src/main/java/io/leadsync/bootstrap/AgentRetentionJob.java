package io.leadsync.bootstrap;

import io.leadsync.application.port.in.capture.IdempotencyUseCase;
import io.leadsync.application.port.in.capture.TrackActionUseCase;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotency keys are kept 24 hours (ADR 0021) and tracking ids {@code leadsync.agent.tracking-retention} (30 days by
 * default): the expired ones are deleted every hour, on any node.
 */
@Singleton
final class AgentRetentionJob {
    private static final Logger LOG = LoggerFactory.getLogger(AgentRetentionJob.class);

    private final IdempotencyUseCase idempotency;
    private final TrackActionUseCase tracking;
    private final java.time.Duration trackingRetention;

    AgentRetentionJob(IdempotencyUseCase idempotency, TrackActionUseCase tracking,
                          @Value("${leadsync.agent.tracking-retention:30d}") java.time.Duration trackingRetention) {
        this.idempotency = idempotency;
        this.tracking = tracking;
        this.trackingRetention = trackingRetention;
    }

    @Scheduled(initialDelay = "5m", fixedDelay = "1h")
    void run() {
        try {
            int deleted = idempotency.purgeExpired();
            if (deleted > 0) {
                LOG.info("Deleted {} idempotency keys older than 24 hours", deleted);
            }
        } catch (RuntimeException e) {
            LOG.warn("Deleting expired idempotency keys failed: {}", e.toString());
        }
        try {
            int deleted = tracking.forgetOlderThan(trackingRetention);
            if (deleted > 0) {
                LOG.info("Forgot {} tracked agent actions older than {}", deleted, trackingRetention);
            }
        } catch (RuntimeException e) {
            LOG.warn("Forgetting old tracked agent actions failed: {}", e.toString());
        }
    }
}
