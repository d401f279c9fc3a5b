package io.leadsync.bootstrap;

import io.leadsync.application.port.in.AuthenticateAgentUseCase;
import io.leadsync.application.port.in.CaptureLeadUseCase;
import io.leadsync.application.port.in.CompleteConnectUseCase;
import io.leadsync.application.port.in.DisconnectUseCase;
import io.leadsync.application.port.in.ListConnectionsUseCase;
import io.leadsync.application.port.in.ProvisionConnectionUseCase;
import io.leadsync.application.port.in.StartConnectUseCase;
import io.leadsync.application.port.in.SyncNowUseCase;
import io.leadsync.application.port.out.PendingConnectRepository;
import io.leadsync.application.port.out.SecretCipher;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.in.ChangeLeadStatusUseCase;
import io.leadsync.application.port.in.CreateWorkspaceUseCase;
import io.leadsync.application.port.in.GetLeadUseCase;
import io.leadsync.application.port.in.IssueApiKeyUseCase;
import io.leadsync.application.port.in.ListLeadsUseCase;
import io.leadsync.application.port.in.SetUpFirstWorkspaceUseCase;
import io.leadsync.application.port.in.UpdateLeadUseCase;
import io.leadsync.application.port.out.ApiKeyRepository;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.SecretGenerator;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.WorkspaceRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every port and use case resolves to exactly one bean in the assembled application. */
class WiringIT {
    @TempDir
    static Path home;
    private static RunningLeadSync leadSync;

    @BeforeAll
    static void start() {
        leadSync = RunningLeadSync.start(home,
                Map.of("leadsync.first-start.enabled", false));
    }

    @AfterAll
    static void stop() {
        leadSync.close();
    }

    @ParameterizedTest
    @ValueSource(classes = {
            CaptureLeadUseCase.class, UpdateLeadUseCase.class, ChangeLeadStatusUseCase.class, GetLeadUseCase.class,
            ListLeadsUseCase.class, AuthenticateAgentUseCase.class, CreateWorkspaceUseCase.class,
            IssueApiKeyUseCase.class, SetUpFirstWorkspaceUseCase.class, StartConnectUseCase.class,
            CompleteConnectUseCase.class, DisconnectUseCase.class, SyncNowUseCase.class,
            ProvisionConnectionUseCase.class, ListConnectionsUseCase.class,
            io.leadsync.application.port.in.RecordAgentCallUseCase.class,
            io.leadsync.application.port.in.ListAgentTargetsUseCase.class,
            LeadRepository.class, WorkspaceRepository.class, ApiKeyRepository.class, CrmConnectionRepository.class,
            CrmLinkRepository.class, Outbox.class, AuditLog.class, TransactionBoundary.class, IdGenerator.class,
            TokenVault.class, PendingConnectRepository.class, SecretCipher.class,
            SecretGenerator.class})
    void each_port_resolves_to_exactly_one_bean(Class<?> port) {
        assertThat(leadSync.context().getBeansOfType(port)).as(port.getSimpleName()).hasSize(1);
    }
}
