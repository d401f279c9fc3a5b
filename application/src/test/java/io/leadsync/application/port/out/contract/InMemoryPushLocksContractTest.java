package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.PushLocks;
import io.leadsync.application.testing.InMemoryPushLocks;

/** The contract run against the in-memory fake the service tests use. */
class InMemoryPushLocksContractTest extends PushLocksContract {
    private final InMemoryPushLocks.Cluster cluster = new InMemoryPushLocks.Cluster();

    @Override
    protected PushLocks newNode() {
        return new InMemoryPushLocks(cluster);
    }

    @Override
    protected void kill(PushLocks node) {
        ((InMemoryPushLocks) node).die();
    }
}
