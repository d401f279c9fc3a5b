package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.UserRepository;
import io.leadsync.application.port.out.contract.StoragePorts;
import io.leadsync.application.port.out.contract.UserRepositoryContract;
import io.leadsync.domain.workspace.Workspace;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;

/** The user contract on a real PostgreSQL. */
class PostgresUserRepositoryIT extends UserRepositoryContract {
    @Override
    protected UserRepository emptyUsers() {
        StoragePorts storage = PostgresStorage.empty();
        storage.workspaces().insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", T0));
        storage.workspaces().insert(new Workspace(OTHER_WORKSPACE, "Globex", "Globex SDR", T0));
        return PostgresStorage.context().getBean(UserRepository.class);
    }
}
