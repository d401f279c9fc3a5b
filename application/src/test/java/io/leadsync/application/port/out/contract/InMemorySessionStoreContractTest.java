package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.SessionStore;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.application.testing.InMemorySessionStore;
import io.leadsync.application.testing.InMemoryUserRepository;

class InMemorySessionStoreContractTest extends SessionStoreContract {
    @Override
    protected UserRepository emptyUsers() {
        return new InMemoryUserRepository();
    }

    @Override
    protected SessionStore emptySessions() {
        return new InMemorySessionStore();
    }
}
