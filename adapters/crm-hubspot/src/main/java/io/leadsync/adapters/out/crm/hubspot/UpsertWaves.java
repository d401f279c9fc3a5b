package io.leadsync.adapters.out.crm.hubspot;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.UpsertResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A claim's upsert batches, {@link #IN_FLIGHT} at a time (issue 15: a 10,000-lead backlog to HubSpot waited for one
 * call after another, each mostly HubSpot's latency). HubSpot limits calls per ten seconds, not calls in flight; the
 * number of calls is the same. Results stay in the records' order.
 *
 * <p>A failed batch keeps what the others wrote: it and every later batch fail, retriable, and wait for the next
 * round (a tight rate limit could otherwise refuse a whole claim sent again for ever). When nothing was written the
 * failure is thrown, as is a refused token or a bad request whatever the others did (a new token retries the whole
 * claim; what was written is written again, never duplicated).
 */
final class UpsertWaves {
    static final int IN_FLIGHT = 2;

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService POOL = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "leadsync-hubspot-upsert-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    private UpsertWaves() {
    }

    /** {@code write} sends one batch (of at most {@code batchLimit}) and answers its results in order. */
    static List<UpsertResult> run(List<CrmRecord> records, int batchLimit,
                                  Function<List<CrmRecord>, List<UpsertResult>> write) {
        List<List<CrmRecord>> batches = new ArrayList<>();
        for (int from = 0; from < records.size(); from += batchLimit) {
            batches.add(records.subList(from, Math.min(records.size(), from + batchLimit)));
        }
        List<UpsertResult> results = new ArrayList<>();
        boolean written = false;
        for (int wave = 0; wave < batches.size(); wave += IN_FLIGHT) {
            List<List<CrmRecord>> inWave = batches.subList(wave, Math.min(batches.size(), wave + IN_FLIGHT));
            List<CompletableFuture<List<UpsertResult>>> sent = new ArrayList<>();
            // The first batch of a wave on this thread, the others beside it.
            for (int i = 1; i < inWave.size(); i++) {
                List<CrmRecord> batch = inWave.get(i);
                sent.add(CompletableFuture.supplyAsync(() -> write.apply(batch), POOL));
            }
            sent.add(0, onThisThread(() -> write.apply(inWave.get(0))));
            RuntimeException stop = null;
            RuntimeException failed = null;
            // Every batch of the wave is waited for: none is in flight when this returns or throws.
            for (int i = 0; i < sent.size(); i++) {
                List<CrmRecord> batch = inWave.get(i);
                try {
                    results.addAll(sent.get(i).join());
                    written = true;
                } catch (CompletionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException(e.getCause());
                    if (cause instanceof AccessTokenRejectedException || cause instanceof IllegalArgumentException) {
                        stop = stop == null ? cause : stop;
                    } else {
                        failed = failed == null ? cause : failed;
                    }
                    // Kept in place, so the results stay in the records' order; a batch beside it that went
                    // through keeps its results (its new contacts get their companies).
                    results.addAll(failures(batch, cause));
                }
            }
            if (stop != null) {
                throw stop;
            }
            if (failed != null) {
                if (!written) {
                    throw failed;
                }
                results.addAll(failures(records.subList(results.size(), records.size()), failed));
                return results;
            }
        }
        return results;
    }

    /** The batch's records failed with the failure's reason, retriable: they wait for the next round. */
    private static List<UpsertResult> failures(List<CrmRecord> records, RuntimeException failure) {
        String category = failure instanceof CrmRateLimitedException ? "RATE_LIMITS"
                : failure instanceof CrmUnavailableException ? "UNAVAILABLE" : "ERROR";
        return records.stream().map(record -> UpsertResult.failed(record.leadId(), category, failure.getMessage(),
                true)).toList();
    }

    private static CompletableFuture<List<UpsertResult>> onThisThread(java.util.function.Supplier<List<UpsertResult>> work) {
        try {
            return CompletableFuture.completedFuture(work.get());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
