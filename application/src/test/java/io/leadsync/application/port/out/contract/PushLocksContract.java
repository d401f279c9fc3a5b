package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.PushLocks;
import io.leadsync.domain.crm.ConnectionId;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link PushLocks} must do (ADR 0104): one holder of a connection's push across the nodes of one store,
 * and a node that dies lets go at once.
 */
public abstract class PushLocksContract {
    private static final ConnectionId CRM = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000e1"));
    private static final ConnectionId OTHER_CRM = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000e2"));

    /** A node of the cluster under test: its own session with the shared store. */
    protected abstract PushLocks newNode();

    /** The node's process dies (or its session with the store is cut) while it may hold pushes. */
    protected abstract void kill(PushLocks node);

    @Test
    void a_second_node_cannot_hold_a_connection_the_first_holds_until_the_first_lets_go() {
        PushLocks first = newNode();
        PushLocks second = newNode();
        Optional<PushLocks.Hold> held = first.tryHold(WORKSPACE, CRM);
        assertThat(held).as("the first node holds the push").isPresent();

        assertThat(second.tryHold(WORKSPACE, CRM)).as("while the first holds it").isEmpty();
        held.get().close();

        Optional<PushLocks.Hold> next = second.tryHold(WORKSPACE, CRM);
        assertThat(next).as("once the first let go").isPresent();
        assertThat(first.tryHold(WORKSPACE, CRM)).as("now the first waits for the second").isEmpty();
        next.get().close();
    }

    @Test
    void two_callers_on_one_node_do_not_both_hold_a_connection() {
        PushLocks node = newNode();
        Optional<PushLocks.Hold> worker = node.tryHold(WORKSPACE, CRM);
        assertThat(worker).isPresent();

        // "Sync now" on the node whose worker is pushing the connection.
        assertThat(node.tryHold(WORKSPACE, CRM)).isEmpty();
        worker.get().close();
        Optional<PushLocks.Hold> again = node.tryHold(WORKSPACE, CRM);
        assertThat(again).isPresent();
        again.get().close();
    }

    @Test
    void connections_are_held_each_on_its_own() {
        PushLocks first = newNode();
        PushLocks second = newNode();
        Optional<PushLocks.Hold> one = first.tryHold(WORKSPACE, CRM);
        Optional<PushLocks.Hold> other = second.tryHold(OTHER_WORKSPACE, OTHER_CRM);

        assertThat(one).isPresent();
        assertThat(other).as("another connection's push goes side by side").isPresent();
        one.get().close();
        other.get().close();
    }

    @Test
    void a_node_that_dies_lets_go_of_its_holds_at_once_and_its_late_release_frees_nothing_of_anothers() {
        PushLocks victim = newNode();
        PushLocks survivor = newNode();
        Optional<PushLocks.Hold> held = victim.tryHold(WORKSPACE, CRM);
        assertThat(held).isPresent();

        kill(victim);

        Optional<PushLocks.Hold> taken = survivor.tryHold(WORKSPACE, CRM);
        assertThat(taken).as("no lease to wait for: the dead node's session took its hold along").isPresent();
        // The dead node's drain, had it lived on somewhere, ends its batch: the survivor keeps the connection.
        held.get().close();
        assertThat(newNode().tryHold(WORKSPACE, CRM)).as("a third node while the survivor holds it").isEmpty();
        taken.get().close();
    }
}
