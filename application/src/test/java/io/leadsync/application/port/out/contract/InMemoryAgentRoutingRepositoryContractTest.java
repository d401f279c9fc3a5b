package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.AgentRoutingRepository;
import io.leadsync.application.testing.InMemoryAgentRoutingRepository;

class InMemoryAgentRoutingRepositoryContractTest extends AgentRoutingRepositoryContract {
    @Override
    protected AgentRoutingRepository emptyRepository() {
        return new InMemoryAgentRoutingRepository();
    }
}
