package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.SyncProgress;
import io.leadsync.domain.crm.ConnectionId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the admin reads while "Sync now" runs and when it ends. */
class SyncNowTextTest {
    private static final ConnectionId CONNECTION = new ConnectionId(UUID.randomUUID());

    @Test
    void the_result_counts_read_as_a_sentence_and_name_waiting_leads_only_when_there_are_some() {
        assertThat(ConnectionPageController.syncSummary(2, 1, 0, 0, 0, 1))
                .isEqualTo("3 leads: 2 created, 1 updated, 0 skipped, 0 failed, in 1 CRM call.");
        assertThat(ConnectionPageController.syncSummary(0, 0, 1, 0, 0, 0))
                .isEqualTo("1 lead: 0 created, 0 updated, 1 skipped, 0 failed, in 0 CRM calls.");
        assertThat(ConnectionPageController.syncSummary(1, 0, 0, 1, 5, 3))
                .isEqualTo("7 leads: 1 created, 0 updated, 0 skipped, 1 failed, 5 still waiting, in 3 CRM calls.");
    }

    @Test
    void progress_counts_what_is_done_of_all_leads_and_turns_amber_once_a_lead_is_skipped_or_failed() {
        SyncProgress running = new SyncProgress(CONNECTION, 40, 2, 1, 0, 37, Optional.of(Instant.now()),
                Optional.empty(), 1);

        assertThat(SyncProgressController.summary(running))
                .isEqualTo("3 of 40 leads done: 2 sent, 1 skipped, 0 failed; 37 waiting, 1 CRM call so far.");
        assertThat(SyncProgressController.view(running)).containsEntry("running", true).containsEntry("done", 3L)
                .containsEntry("trouble", true);
        SyncProgress clean = new SyncProgress(CONNECTION, 4, 4, 0, 0, 0, Optional.of(Instant.now()),
                Optional.of(Instant.now()), 2);
        assertThat(SyncProgressController.view(clean)).containsEntry("running", false).containsEntry("trouble", false)
                .containsEntry("done", 4L);
    }
}
