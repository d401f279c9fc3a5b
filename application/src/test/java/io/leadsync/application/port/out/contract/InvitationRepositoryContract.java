package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.InvitationRepository;
import io.leadsync.domain.workspace.Invitation;
import io.leadsync.domain.workspace.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link InvitationRepository} must do: the fake the service tests use and the PostgreSQL table alike. */
public abstract class InvitationRepositoryContract {
    private InvitationRepository invitations;

    /** An empty repository in which the two fixture workspaces exist. */
    protected abstract InvitationRepository emptyRepository();

    @BeforeEach
    void setUp() {
        invitations = emptyRepository();
    }

    @Test
    void an_invitation_is_found_by_its_token_hash_only() {
        Invitation invited = invitation(WORKSPACE, "a".repeat(64), "Bob@Acme.example", 0);
        invitations.insert(invited);

        assertThat(invitations.findByTokenHash("a".repeat(64))).contains(invited);
        assertThat(invitations.findByTokenHash("b".repeat(64))).isEmpty();
        assertThat(invited.email()).isEqualTo("bob@acme.example");
    }

    @Test
    void an_invitation_is_accepted_once_even_from_two_tabs() {
        Invitation invited = invitation(WORKSPACE, "c".repeat(64), "carol@acme.example", 0);
        invitations.insert(invited);

        assertThat(invitations.markAccepted(invited.id(), T0.plusSeconds(60))).isTrue();
        assertThat(invitations.markAccepted(invited.id(), T0.plusSeconds(61))).isFalse();
        assertThat(invitations.findByTokenHash("c".repeat(64)).orElseThrow().acceptedAt())
                .contains(T0.plusSeconds(60));
        assertThat(invitations.markAccepted(UUID.randomUUID(), T0)).as("no such invitation").isFalse();
    }

    @Test
    void the_open_invitations_of_a_workspace_are_its_unaccepted_unexpired_ones_newest_first() {
        Invitation older = invitation(WORKSPACE, "1".repeat(64), "one@acme.example", 0);
        Invitation newer = invitation(WORKSPACE, "2".repeat(64), "two@acme.example", 60);
        Invitation accepted = invitation(WORKSPACE, "3".repeat(64), "three@acme.example", 30);
        Invitation elsewhere = invitation(OTHER_WORKSPACE, "4".repeat(64), "four@globex.example", 10);
        java.util.List.of(older, newer, accepted, elsewhere).forEach(invitations::insert);
        invitations.markAccepted(accepted.id(), T0.plusSeconds(90));

        assertThat(invitations.openIn(WORKSPACE, T0.plusSeconds(120))).containsExactly(newer, older);
        assertThat(invitations.openIn(WORKSPACE, T0.plus(Invitation.LIFETIME).plusSeconds(30)))
                .as("the older one has expired").containsExactly(newer);
    }

    private static Invitation invitation(io.leadsync.domain.workspace.WorkspaceId workspace, String hash,
                                         String email, int seconds) {
        return new Invitation(UUID.randomUUID(), hash, workspace, email, Role.ADMIN, "user:owner@acme.example",
                T0.plusSeconds(seconds), Optional.empty());
    }
}
