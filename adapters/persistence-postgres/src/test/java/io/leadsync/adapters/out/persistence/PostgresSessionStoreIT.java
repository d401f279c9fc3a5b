package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.SessionStore;
import io.leadsync.application.port.out.UserRepository;
import io.leadsync.application.port.out.contract.SessionStoreContract;

/** The session contract on a real PostgreSQL. */
class PostgresSessionStoreIT extends SessionStoreContract {
    @Override
    protected UserRepository emptyUsers() {
        PostgresStorage.empty().withFixtureWorkspaces();
        return PostgresStorage.context().getBean(UserRepository.class);
    }

    @Override
    protected SessionStore emptySessions() {
        return PostgresStorage.context().getBean(SessionStore.class);
    }
}
