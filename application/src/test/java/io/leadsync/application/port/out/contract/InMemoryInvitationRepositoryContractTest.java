package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.InvitationRepository;
import io.leadsync.application.testing.InMemoryInvitationRepository;

class InMemoryInvitationRepositoryContractTest extends InvitationRepositoryContract {
    @Override
    protected InvitationRepository emptyRepository() {
        return new InMemoryInvitationRepository();
    }
}
