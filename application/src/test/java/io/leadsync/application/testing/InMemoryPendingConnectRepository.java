package io.leadsync.application.testing;

import io.leadsync.application.port.out.PendingConnectRepository;
import io.leadsync.domain.crm.PendingConnect;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Pending connects in a map. */
public final class InMemoryPendingConnectRepository implements PendingConnectRepository {
    private final Map<String, PendingConnect> connects = new ConcurrentHashMap<>();
    private final Map<String, Awaiting> awaiting = new ConcurrentHashMap<>();

    @Override
    public void save(PendingConnect connect) {
        if (connects.putIfAbsent(connect.state(), connect) != null) {
            throw new IllegalStateException("a connect with this state already exists");
        }
    }

    @Override
    public Optional<PendingConnect> find(String state) {
        return Optional.ofNullable(connects.get(state));
    }

    @Override
    public Optional<PendingConnect> take(String state) {
        awaiting.remove(state);
        return Optional.ofNullable(connects.remove(state));
    }

    @Override
    public synchronized boolean awaitConfirmation(String state, String code, String browserHash) {
        PendingConnect connect = connects.get(state);
        if (connect == null || awaiting.containsKey(state)) {
            return false;
        }
        awaiting.put(state, new Awaiting(connect, code, browserHash));
        return true;
    }

    @Override
    public Optional<Awaiting> findAwaiting(String state) {
        return Optional.ofNullable(awaiting.get(state));
    }
}
