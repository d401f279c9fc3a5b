package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.AgentRoutingRepository;
import io.leadsync.application.port.out.contract.AgentRoutingRepositoryContract;

/** The routing contract on a real PostgreSQL. */
class PostgresAgentRoutingRepositoryIT extends AgentRoutingRepositoryContract {
    @Override
    protected AgentRoutingRepository emptyRepository() {
        PostgresStorage.empty().withFixtureWorkspaces();
        return PostgresStorage.context().getBean(AgentRoutingRepository.class);
    }
}
