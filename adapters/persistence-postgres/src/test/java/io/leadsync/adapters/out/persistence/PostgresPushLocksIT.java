package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.PushLocks;
import io.leadsync.application.port.out.contract.PushLocksContract;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract on a real PostgreSQL: each node is a lock session of its own on one database, and a killed node is
 * a session the server ends ({@code pg_terminate_backend}), as it does when a node's process dies.
 */
class PostgresPushLocksIT extends PushLocksContract {
    private final List<PostgresPushLocks> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(PostgresPushLocks::close);
    }

    @Override
    protected PushLocks newNode() {
        var context = PostgresStorage.context();
        PostgresPushLocks node = new PostgresPushLocks(context.getBean(DataSource.class),
                context.findBean(io.micronaut.jdbc.DataSourceResolver.class).orElse(null));
        nodes.add(node);
        return node;
    }

    @Override
    protected void kill(PushLocks node) {
        try (Connection admin = rawPool().getConnection();
             Statement statement = admin.createStatement()) {
            // Waits (up to 10 s) for the backend to be gone, as a dead process's is, so its locks are released.
            statement.execute("select pg_terminate_backend(" + ((PostgresPushLocks) node).sessionPid() + ", 10000)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The pool itself, outside Micronaut's connection scope. */
    private static DataSource rawPool() {
        var context = PostgresStorage.context();
        return context.findBean(io.micronaut.jdbc.DataSourceResolver.class)
                .orElse(io.micronaut.jdbc.DataSourceResolver.DEFAULT).resolve(context.getBean(DataSource.class));
    }

    @Test
    void a_node_that_stops_while_holding_lets_go_and_its_session_does_not_go_back_to_the_pool_with_the_lock() {
        PostgresPushLocks stopping = (PostgresPushLocks) newNode();
        var connection = new io.leadsync.domain.crm.ConnectionId(UUID.randomUUID());
        assertThat(stopping.tryHold(WORKSPACE, connection)).isPresent();

        assertThat(heldInDatabase(connection)).isEqualTo(1);

        stopping.close();

        // A session handed back to the pool would keep the lock for whoever borrows it next (and that borrower's
        // own try would even succeed, the lock being re-entrant): the database must hold no such lock any more.
        assertThat(heldInDatabase(connection)).as("push locks of the connection in the database").isZero();
        var taken = newNode().tryHold(WORKSPACE, connection);
        assertThat(taken).as("another node holds it at once").isPresent();
        taken.get().close();
    }

    private static long heldInDatabase(io.leadsync.domain.crm.ConnectionId connection) {
        try (Connection admin = rawPool().getConnection();
             var statement = admin.prepareStatement("select count(*) from pg_locks where locktype = 'advisory' "
                     + "and granted and classid = ? and objid = ? and objsubid = 2")) {
            statement.setLong(1, Integer.toUnsignedLong(PostgresPushLocks.NAMESPACE));
            statement.setLong(2, Integer.toUnsignedLong(connection.value().hashCode()));
            try (var row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_node_whose_session_was_cut_holds_again_on_a_new_one() {
        PushLocks node = newNode();
        var connection = new io.leadsync.domain.crm.ConnectionId(UUID.randomUUID());
        var first = node.tryHold(WORKSPACE, connection);
        assertThat(first).isPresent();
        first.get().close();
        kill(node);

        var again = node.tryHold(WORKSPACE, connection);
        assertThat(again).as("the lost session is made again").isPresent();
        assertThat(newNode().tryHold(WORKSPACE, connection)).as("and it excludes the others again").isEmpty();
        again.get().close();
    }
}
