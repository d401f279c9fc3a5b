package io.leadsync.application.service.administer;

import io.leadsync.application.service.capture.AuthenticateAgentService;
import io.leadsync.application.port.in.capture.AgentPrincipal;
import io.leadsync.application.port.in.capture.AuthenticateAgentQuery;
import io.leadsync.application.port.in.administer.CreateWorkspaceCommand;
import io.leadsync.application.port.in.administer.FirstWorkspaceKeys;
import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.IssuedApiKey;
import io.leadsync.application.port.in.administer.SetUpFirstWorkspaceCommand;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.InMemoryApiKeyRepository;
import io.leadsync.application.testing.InMemoryWorkspaceRepository;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkspaceAndKeyServicesTest {
    private final InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    private final InMemoryApiKeyRepository keys = new InMemoryApiKeyRepository();
    private final SequentialIds ids = new SequentialIds();
    private final MutableClock clock = new MutableClock(T0);
    private final CreateWorkspaceService createWorkspace = new CreateWorkspaceService(workspaces, ids, clock);
    private final IssueApiKeyService issueKey = new IssueApiKeyService(workspaces, keys, ids, ids, clock);
    private final AuthenticateAgentService authenticate = new AuthenticateAgentService(keys);
    private final SetUpFirstWorkspaceService firstStart =
            new SetUpFirstWorkspaceService(workspaces, createWorkspace, issueKey, new DirectTransactions());

    @Test
    void an_issued_key_authenticates_as_its_workspace_and_only_its_hash_is_stored() {
        Workspace workspace = createWorkspace.create(new CreateWorkspaceCommand("Acme", "Acme SDR"));

        IssuedApiKey issued = issueKey.issue(new IssueApiKeyCommand(workspace.id(), "agents", ApiKeyScope.AGENT));

        assertThat(issued.secret()).startsWith("lsk_");
        assertThat(keys.list(workspace.id())).singleElement().satisfies(stored -> {
            assertThat(stored.secretHash()).isNotEqualTo(issued.secret()).hasSize(64);
            assertThat(issued.secret()).startsWith(stored.prefix());
        });
        Optional<AgentPrincipal> principal = authenticate.authenticate(new AuthenticateAgentQuery(issued.secret()));
        assertThat(principal).map(AgentPrincipal::workspaceId).contains(workspace.id());
    }

    @Test
    void an_unknown_or_revoked_key_authenticates_nobody() {
        Workspace workspace = createWorkspace.create(new CreateWorkspaceCommand("Acme", "Acme SDR"));
        IssuedApiKey issued = issueKey.issue(new IssueApiKeyCommand(workspace.id(), "agents", ApiKeyScope.AGENT));

        assertThat(authenticate.authenticate(new AuthenticateAgentQuery(issued.secret() + "x"))).isEmpty();
        assertThat(authenticate.authenticate(new AuthenticateAgentQuery(""))).isEmpty();

        keys.update(issued.key().revoke(clock.instant()));
        assertThat(authenticate.authenticate(new AuthenticateAgentQuery(issued.secret()))).isEmpty();
    }

    @Test
    void a_key_for_a_workspace_that_does_not_exist_is_refused() {
        WorkspaceId missing = new WorkspaceId(UUID.randomUUID());

        assertThatThrownBy(() -> issueKey.issue(new IssueApiKeyCommand(missing, "agents", ApiKeyScope.AGENT)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(keys.list(missing)).isEmpty();
    }

    @Test
    void the_first_start_creates_one_workspace_and_key_and_later_starts_create_nothing() {
        SetUpFirstWorkspaceCommand command = new SetUpFirstWorkspaceCommand("Demo", "LeadSync Demo");

        Optional<FirstWorkspaceKeys> first = firstStart.setUp(command);
        Optional<FirstWorkspaceKeys> second = firstStart.setUp(command);

        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(workspaces.all()).singleElement().extracting(Workspace::productName).isEqualTo("LeadSync Demo");
        assertThat(authenticate.authenticate(new AuthenticateAgentQuery(first.get().agent().secret())))
                .hasValueSatisfying(agent -> assertThat(agent.scopes()).containsExactly(ApiKeyScope.AGENT));
        assertThat(authenticate.authenticate(new AuthenticateAgentQuery(first.get().admin().secret())))
                .hasValueSatisfying(admin -> assertThat(admin.scopes()).containsExactly(ApiKeyScope.ADMIN));
    }
}
