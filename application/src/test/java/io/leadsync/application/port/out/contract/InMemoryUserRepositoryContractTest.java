package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.UserRepository;
import io.leadsync.application.testing.InMemoryUserRepository;

class InMemoryUserRepositoryContractTest extends UserRepositoryContract {
    @Override
    protected UserRepository emptyUsers() {
        return new InMemoryUserRepository();
    }
}
