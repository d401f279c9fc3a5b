package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.ForgetOldAuditUseCase;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/** Audit retention ({@code leadsync.audit.retention}, 90 days by default), applied an hour after start and daily. */
@Singleton
final class AuditRetentionJob {
    private static final Logger LOG = LoggerFactory.getLogger(AuditRetentionJob.class);

    private final ForgetOldAuditUseCase forget;
    private final Duration retention;

    AuditRetentionJob(ForgetOldAuditUseCase forget, @Value("${leadsync.audit.retention:90d}") Duration retention) {
        this.forget = forget;
        this.retention = retention;
    }

    @Scheduled(initialDelay = "1h", fixedDelay = "24h")
    void run() {
        try {
            int deleted = forget.forgetOlderThan(retention);
            if (deleted > 0) {
                LOG.info("Deleted {} audit entries older than {}", deleted, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("Applying the audit retention failed: {}", e.toString());
        }
    }
}
