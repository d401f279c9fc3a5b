package io.leadsync.application.testing;

import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.SecretGenerator;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Predictable ids and secrets for tests: 00000000-0000-0000-0000-000000000001, ... */
public final class SequentialIds implements IdGenerator, SecretGenerator {
    private final AtomicLong next = new AtomicLong();

    @Override
    public UUID newId() {
        return new UUID(0, next.incrementAndGet());
    }

    @Override
    public String newSecret() {
        return String.format("test%040d", next.incrementAndGet());
    }
}
