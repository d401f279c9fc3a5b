package io.leadsync.application.service.delivery;

import io.leadsync.application.port.in.delivery.SyncReport.Problem;
import io.leadsync.application.port.out.ApiUsage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one batch of the push pipeline did with the deliveries it claimed: created or updated in the CRM (an endpoint
 * post counts as created), skipped, failed for good, or left waiting in the queue (to retry, held by a limit), with
 * the CRM calls it took and why it stopped early, if it did. "Sync now" adds these up into its report.
 * {@code heldElsewhere}: nothing was claimed because another node (or another caller here) is pushing the connection
 * right now (ADR 0104), which is not "nothing owed".
 */
public record BatchOutcome(int claimed, int created, int updated, List<Problem> skipped, List<Problem> failed,
                           List<Problem> waiting, int calls, Optional<ApiUsage> usage, Optional<String> stopped,
                           boolean heldElsewhere) {
    public static final BatchOutcome NOTHING = new BatchOutcome(0, 0, 0, List.of(), List.of(), List.of(), 0,
            Optional.empty(), Optional.empty(), false);
    public static final BatchOutcome HELD_ELSEWHERE = new BatchOutcome(0, 0, 0, List.of(), List.of(), List.of(), 0,
            Optional.empty(), Optional.empty(), true);

    public BatchOutcome {
        skipped = List.copyOf(skipped);
        failed = List.copyOf(failed);
        waiting = List.copyOf(waiting);
    }

    /** How many leads reached the destination. */
    public int delivered() {
        return created + updated;
    }

    /** Collects a batch's outcome lead by lead. */
    static final class Tally {
        private int claimed;
        private int created;
        private int updated;
        private final List<Problem> skipped = new ArrayList<>();
        private final List<Problem> failed = new ArrayList<>();
        private final List<Problem> waiting = new ArrayList<>();
        private String stopped;

        Tally claimed(int count) {
            claimed += count;
            return this;
        }

        void created() {
            created++;
        }

        void updated() {
            updated++;
        }

        void skipped(String leadId, String reason) {
            skipped.add(new Problem(leadId, reason));
        }

        void failed(String leadId, String reason) {
            failed.add(new Problem(leadId, reason));
        }

        void waiting(String leadId, String reason) {
            waiting.add(new Problem(leadId, reason));
        }

        void stopped(String reason) {
            stopped = stopped == null ? reason : stopped;
        }

        int written() {
            return created + updated;
        }

        int failedCount() {
            return failed.size();
        }

        int waitingCount() {
            return waiting.size();
        }

        BatchOutcome done(int calls, Optional<ApiUsage> usage) {
            return new BatchOutcome(claimed, created, updated, skipped, failed, waiting, calls, usage,
                    Optional.ofNullable(stopped), false);
        }
    }
}
