package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.ReencryptSecretsUseCase;
import io.leadsync.application.port.in.administer.SetUpFirstWorkspaceUseCase;
import io.leadsync.application.port.out.ApiKeyRepository;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.EndpointSettingsStore;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.SecretGenerator;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.application.service.administer.AuditService;
import io.leadsync.application.service.administer.CreateWorkspaceService;
import io.leadsync.application.service.administer.IssueApiKeyService;
import io.leadsync.application.service.administer.ReencryptSecretsService;
import io.leadsync.application.service.administer.SetUpFirstWorkspaceService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Workspaces, members, log-in, API keys, secrets re-encryption and the audit (port.in.administer). */
@Factory
final class AdministerFactory {

    @Singleton
    ReencryptSecretsUseCase reencryptSecrets(TokenVault vault, EndpointSettingsStore endpoints,
                                             TransactionBoundary transactions) {
        return new ReencryptSecretsService(vault, endpoints, transactions);
    }

    @Singleton
    CreateWorkspaceService createWorkspace(WorkspaceRepository workspaces, IdGenerator ids, Clock clock) {
        return new CreateWorkspaceService(workspaces, ids, clock);
    }

    @Singleton
    IssueApiKeyService issueApiKey(WorkspaceRepository workspaces, ApiKeyRepository keys, SecretGenerator secrets,
                                   IdGenerator ids, Clock clock) {
        return new IssueApiKeyService(workspaces, keys, secrets, ids, clock);
    }

    @Singleton
    SetUpFirstWorkspaceUseCase setUpFirstWorkspace(WorkspaceRepository workspaces, CreateWorkspaceService create,
                                                   IssueApiKeyService issue, TransactionBoundary transactions) {
        return new SetUpFirstWorkspaceService(workspaces, create, issue, transactions);
    }

    // Admin UI users (issue 6): login, access per workspace, members, the first owner, API keys on the settings page.
    @Singleton
    io.leadsync.application.port.in.administer.LogInUseCase logIn(io.leadsync.application.port.out.UserRepository users,
                                                       io.leadsync.application.port.out.PasswordHasher hasher) {
        return new io.leadsync.application.service.administer.LogInService(users, hasher);
    }

    // Single sign-on (ADR 0028): a provider-verified email names an existing member.
    @Singleton
    io.leadsync.application.port.in.administer.SignOnUseCase signOn(io.leadsync.application.port.out.UserRepository users) {
        return new io.leadsync.application.service.administer.SignOnService(users);
    }

    @Singleton
    io.leadsync.application.service.administer.UserAccessService userAccess(io.leadsync.application.port.out.UserRepository users,
                                                                 WorkspaceRepository workspaces) {
        return new io.leadsync.application.service.administer.UserAccessService(users, workspaces);
    }

    @Singleton
    io.leadsync.application.port.in.administer.AddMemberUseCase addMember(io.leadsync.application.port.out.UserRepository users,
                                                               io.leadsync.application.port.out.PasswordHasher hasher,
                                                               TransactionBoundary transactions, IdGenerator ids,
                                                               Clock clock) {
        return new io.leadsync.application.service.administer.AddMemberService(users, hasher, transactions, ids, clock);
    }

    @Singleton
    io.leadsync.application.port.in.administer.SetUpFirstUserUseCase setUpFirstUser(
            io.leadsync.application.port.out.UserRepository users, WorkspaceRepository workspaces,
            io.leadsync.application.port.out.PasswordHasher hasher, SecretGenerator secrets,
            TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        return new io.leadsync.application.service.administer.SetUpFirstUserService(users, workspaces, hasher, secrets,
                transactions, ids, clock);
    }

    @Singleton
    io.leadsync.application.port.in.administer.ManageApiKeysUseCase manageApiKeys(ApiKeyRepository keys,
                                                                       TransactionBoundary transactions, Clock clock) {
        return new io.leadsync.application.service.administer.ManageApiKeysService(keys, transactions, clock);
    }

    @Singleton
    AuditService audit(AuditLog audit, TransactionBoundary transactions, Clock clock) {
        return new AuditService(audit, transactions, clock);
    }
}
