package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.AdminSessionsUseCase;
import io.leadsync.application.port.in.administer.AttemptLogInUseCase;
import io.leadsync.application.port.in.administer.CreateWorkspaceUseCase;
import io.leadsync.application.port.in.administer.IssueApiKeyUseCase;
import io.leadsync.application.port.in.administer.OperateWorkspacesUseCase;
import io.leadsync.application.port.out.InvitationRepository;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.application.service.administer.InvitationService;
import io.leadsync.application.service.administer.OperateWorkspacesService;
import io.leadsync.application.port.in.connect.CompleteConnectUseCase;
import io.leadsync.application.port.in.connect.ConfirmConnectUseCase;
import io.leadsync.application.port.out.PendingConnectRepository;
import io.leadsync.application.service.connect.ConfirmConnectService;
import io.leadsync.application.port.in.administer.LogInUseCase;
import io.leadsync.application.port.out.LoginAttempts;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.PasswordHasher;
import io.leadsync.application.port.out.SecretGenerator;
import io.leadsync.application.port.out.SessionStore;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.application.service.administer.AccountService;
import io.leadsync.application.service.administer.AdminSessionService;
import io.leadsync.application.service.administer.AttemptLogInService;
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

    /** OAuth connects bound to the session that started them, or confirmed in the browser they came back to. */
    @Singleton
    ConfirmConnectUseCase confirmConnect(CompleteConnectUseCase complete, PendingConnectRepository pending,
                                         UserRepository users, Clock clock) {
        return new ConfirmConnectService(complete, pending, users, clock);
    }

    /** Invitations: how people join a workspace, with their consent (ADR 0047). */
    @Singleton
    InvitationService invitations(UserRepository users, InvitationRepository invitations,
                                  WorkspaceRepository workspaces, PasswordHasher hasher, SecretGenerator secrets,
                                  IdGenerator ids, TransactionBoundary transactions, AuditLog audit, Clock clock) {
        return new InvitationService(users, invitations, workspaces, hasher, secrets, ids, transactions, audit, clock);
    }

    /** The operator's workspaces for a host product's customers (ADR 0047). */
    @Singleton
    OperateWorkspacesUseCase operateWorkspaces(CreateWorkspaceUseCase create, IssueApiKeyUseCase keys,
                                               InvitationService invitations, WorkspaceRepository workspaces,
                                               SessionStore sessions, Clock clock) {
        return new OperateWorkspacesService(create, keys, invitations, workspaces, sessions, clock);
    }

    @Singleton
    AccountService account(UserRepository users, SessionStore sessions, PasswordHasher hasher, AuditLog audit,
                           TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        return new AccountService(users, sessions, hasher, audit, transactions, ids, clock);
    }
}
