package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.contract.LeadRepositoryContract;
import io.leadsync.application.port.out.contract.StoragePorts;
import io.leadsync.domain.workspace.Workspace;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The storage contract on a real PostgreSQL. */
class PostgresLeadRepositoryIT extends LeadRepositoryContract {
    @Override
    protected StoragePorts emptyStorage() {
        return PostgresStorage.empty();
    }

    /**
     * Outbox entries and deliveries name their lead without a foreign key (ADR 0106); the database itself refuses to
     * delete a lead, so neither can be left pointing at nothing, even by hand.
     */
    @Test
    void the_database_refuses_to_delete_a_lead() {
        StoragePorts storage = PostgresStorage.empty();
        storage.workspaces().insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", T0));
        storage.leads().insert(aLead().withId("lead-1").build());

        assertThatThrownBy(() -> PostgresStorage.execute("delete from leads where lead_id = 'lead-1'"))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("leads are never deleted");
        assertThat(PostgresStorage.rows("leads")).isEqualTo(1);
    }
}
