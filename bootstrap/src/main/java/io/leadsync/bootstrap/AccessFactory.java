package io.leadsync.bootstrap;

import io.leadsync.application.port.in.AdminSessionsUseCase;
import io.leadsync.application.port.in.AttemptLogInUseCase;
import io.leadsync.application.port.in.LogInUseCase;
import io.leadsync.application.port.out.LoginAttempts;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.PasswordHasher;
import io.leadsync.application.port.out.SecretGenerator;
import io.leadsync.application.port.out.SessionStore;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.application.service.AccountService;
import io.leadsync.application.service.AdminSessionService;
import io.leadsync.application.service.AttemptLogInService;
import io.leadsync.domain.workspace.LoginThrottle;
import io.leadsync.domain.workspace.SessionPolicy;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * Who may do what (issue 14): the admin UI's server-side sessions with their configured lifetimes (ADR 0045), and
 * the account changes that end sessions.
 */
@Factory
final class AccessFactory {

    @Singleton
    AdminSessionsUseCase adminSessions(SessionStore sessions, SecretGenerator secrets, IdGenerator ids, Clock clock,
            @Value("${leadsync.web.session.idle-timeout:2h}") Duration idleTimeout,
            @Value("${leadsync.web.session.absolute-lifetime:12h}") Duration absoluteLifetime) {
        return new AdminSessionService(sessions, secrets, ids, clock, new SessionPolicy(idleTimeout, absoluteLifetime));
    }

    /** The login page's logins, throttled per account and per client address (ADR 0046). */
    @Singleton
    AttemptLogInUseCase attemptLogIn(LogInUseCase passwords, LoginAttempts attempts, UserRepository users,
                                     AuditLog audit, IdGenerator ids, Clock clock) {
        return new AttemptLogInService(passwords, attempts, users, audit, ids, clock, LoginThrottle.PER_ACCOUNT,
                LoginThrottle.PER_ADDRESS);
    }

    @Singleton
    AccountService account(UserRepository users, SessionStore sessions, PasswordHasher hasher, AuditLog audit,
                           TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        return new AccountService(users, sessions, hasher, audit, transactions, ids, clock);
    }
}
