package io.leadsync.bootstrap;

import io.leadsync.adapters.out.mail.SmtpSettings;
import io.leadsync.application.port.in.configure.AlertSettingsUseCase;
import io.leadsync.application.port.in.connect.ConnectionHealthUseCase;
import io.leadsync.application.port.in.administer.RaiseAlertsUseCase;
import io.leadsync.application.port.out.AlertSettingsStore;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.ChatNotifier;
import io.leadsync.application.port.out.ConnectionHealthStore;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.HostResolver;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.domain.outbound.OutboundPolicy;
import io.leadsync.application.port.out.IncidentLog;
import io.leadsync.application.port.out.Mailer;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.application.service.configure.AlertSettingsService;
import io.leadsync.application.service.connect.ConnectionHealthService;
import io.leadsync.application.service.administer.RaiseAlertsService;
import io.leadsync.domain.health.HealthPolicy;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * Connection health and alerts (issue 16): {@code leadsync.health.failing-after} rounds in a row without anything
 * getting through make a connection FAILING, a due lead waiting {@code leadsync.health.stuck-after} makes it
 * DEGRADED; alert e-mails go through {@code leadsync.smtp.*}.
 */
@Factory
final class HealthFactory {
    @Singleton
    HealthPolicy healthPolicy(@Value("${leadsync.health.failing-after:3}") int failingAfter,
                              @Value("${leadsync.health.stuck-after:15m}") Duration stuckAfter) {
        return new HealthPolicy(failingAfter, stuckAfter);
    }

    @Singleton
    ConnectionHealthUseCase connectionHealth(WorkspaceRepository workspaces, CrmConnectionRepository connections,
                                             ConnectionHealthStore signals, DeliveryQueue deliveries,
                                             HealthPolicy policy, Clock clock) {
        return new ConnectionHealthService(workspaces, connections, signals, deliveries, policy, clock);
    }

    @Singleton
    AlertSettingsUseCase alertSettings(AlertSettingsStore store, Mailer mailer, AuditLog audit, IdGenerator ids,
                                       Clock clock, HostResolver resolver, OutboundPolicy outbound) {
        return new AlertSettingsService(store, mailer, audit, ids, clock, resolver, outbound);
    }

    @Singleton
    RaiseAlertsUseCase raiseAlerts(WorkspaceRepository workspaces, CrmConnectionRepository connections,
                                   ConnectionHealthUseCase health, AlertSettingsStore settings, IncidentLog incidents,
                                   Mailer mailer, ChatNotifier chat, AuditLog audit, IdGenerator ids, Clock clock) {
        return new RaiseAlertsService(workspaces, connections, health, settings, incidents, mailer, chat, audit, ids,
                clock);
    }

    /**
     * The SMTP server: {@code leadsync.smtp.host} (unset: no e-mail), {@code .port} (587), {@code .security}
     * ({@code STARTTLS}, {@code TLS} or {@code NONE}), {@code .username}, {@code .password}, {@code .from}.
     */
    @Singleton
    SmtpSettings smtpSettings(@Nullable @Value("${leadsync.smtp.host:}") String host,
                              @Value("${leadsync.smtp.port:587}") int port,
                              @Value("${leadsync.smtp.security:STARTTLS}") String security,
                              @Nullable @Value("${leadsync.smtp.username:}") String username,
                              @Nullable @Value("${leadsync.smtp.password:}") String password,
                              @Value("${leadsync.smtp.from:leadsync@localhost}") String from,
                              @Value("${leadsync.smtp.timeout:10s}") Duration timeout) {
        return new SmtpSettings(Optional.ofNullable(host), port,
                SmtpSettings.Security.valueOf(security.strip().toUpperCase(Locale.ROOT)), blankless(username),
                blankless(password), from, timeout);
    }

    private static Optional<String> blankless(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
