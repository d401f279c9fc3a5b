package io.leadsync.bootstrap;

import io.leadsync.application.port.in.IdempotencyUseCase;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Idempotency keys are kept 24 hours (ADR 0021): the expired ones are deleted every hour, on any node. */
@Singleton
final class IdempotencyCleanupJob {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyCleanupJob.class);

    private final IdempotencyUseCase idempotency;

    IdempotencyCleanupJob(IdempotencyUseCase idempotency) {
        this.idempotency = idempotency;
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
    }
}
