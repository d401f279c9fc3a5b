package io.leadsync.domain.sync;

import io.leadsync.domain.crm.ConnectionId;

import java.util.Objects;

/** Where a lead change came from; a change that came from a CRM is never pushed back to that CRM. */
public sealed interface ChangeSource {
    /** An agent or an admin changed the lead in LeadSync. */
    record App(String actor) implements ChangeSource {
        public App {
            Objects.requireNonNull(actor, "actor");
        }
    }

    /** A pull from one connection changed the lead. */
    record Crm(ConnectionId connectionId) implements ChangeSource {
        public Crm {
            Objects.requireNonNull(connectionId, "connectionId");
        }
    }

    /** Whether this change may be pushed to {@code connection}. */
    default boolean mayPushTo(ConnectionId connection) {
        return !(this instanceof Crm crm && crm.connectionId().equals(connection));
    }
}
