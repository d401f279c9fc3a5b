package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.InvitationRepository;
import io.leadsync.application.port.out.contract.InvitationRepositoryContract;

/** The invitation contract on a real PostgreSQL. */
class PostgresInvitationRepositoryIT extends InvitationRepositoryContract {
    @Override
    protected InvitationRepository emptyRepository() {
        PostgresStorage.empty().withFixtureWorkspaces();
        return PostgresStorage.context().getBean(InvitationRepository.class);
    }
}
