package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.IdempotencyUseCase;
import io.leadsync.application.port.out.IdempotencyStore;
import io.leadsync.domain.workspace.WorkspaceId;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Claims an idempotency key in PostgreSQL before the request runs, so two nodes given the same retry at once cannot both
 * act: the second waits a little for the first to answer and replays it, or is told the first is still running. A
 * claim nobody answered for {@link #STALE_AFTER} (its node died) may be taken over.
 */
public final class IdempotencyService implements IdempotencyUseCase {
    static final Duration KEPT = Duration.ofHours(24);
    static final Duration STALE_AFTER = Duration.ofMinutes(2);
    static final Duration WAIT = Duration.ofSeconds(5);
    static final Duration POLL = Duration.ofMillis(100);

    private final IdempotencyStore store;
    private final Clock clock;
    private final Sleeper sleeper;

    /** Waits between looks at a running request's claim; a parameter so tests need not wait. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    public IdempotencyService(IdempotencyStore store, Clock clock, Sleeper sleeper) {
        this.store = store;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public Start start(WorkspaceId workspaceId, String key, String fingerprint) {
        String hash = sha256(fingerprint);
        Instant deadline = clock.instant().plus(WAIT);
        while (true) {
            Instant now = clock.instant();
            Optional<IdempotencyStore.Claimed> claimed = store.claim(workspaceId, key, hash, now,
                    now.minus(STALE_AFTER));
            if (claimed.isEmpty()) {
                return Start.of(Start.Kind.PROCEED);
            }
            if (!claimed.get().requestHash().equals(hash)) {
                return Start.of(Start.Kind.KEY_REUSED);
            }
            if (claimed.get().response().isPresent()) {
                IdempotencyStore.StoredResponse stored = claimed.get().response().get();
                return new Start(Start.Kind.REPLAY, Optional.of(new Response(stored.status(), stored.body(),
                        stored.location())));
            }
            if (!now.isBefore(deadline)) {
                return Start.of(Start.Kind.IN_PROGRESS);
            }
            try {
                sleeper.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Start.of(Start.Kind.IN_PROGRESS);
            }
        }
    }

    @Override
    public void complete(WorkspaceId workspaceId, String key, Response response) {
        store.complete(workspaceId, key, new IdempotencyStore.StoredResponse(response.status(), response.body(),
                response.location()));
    }

    @Override
    public void release(WorkspaceId workspaceId, String key) {
        store.release(workspaceId, key);
    }

    @Override
    public int purgeExpired() {
        return store.deleteClaimedBefore(clock.instant().minus(KEPT));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
