package io.leadsync.application.testing;

import io.leadsync.application.port.out.PendingConnectRepository;
import io.leadsync.domain.crm.PendingConnect;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Pending connects in a map. */
public final class InMemoryPendingConnectRepository implements PendingConnectRepository {
    private final Map<String, PendingConnect> connects = new ConcurrentHashMap<>();

    @Override
    public void save(PendingConnect connect) {
        if (connects.putIfAbsent(connect.state(), connect) != null) {
            throw new IllegalStateException("a connect with this state already exists");
        }
    }

    @Override
    public Optional<PendingConnect> take(String state) {
        return Optional.ofNullable(connects.remove(state));
    }
}
