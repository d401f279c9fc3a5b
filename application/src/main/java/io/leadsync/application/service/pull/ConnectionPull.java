package io.leadsync.application.service.pull;

import io.leadsync.application.service.crmcall.ConnectionCalls;
import io.leadsync.application.port.out.CrmChangeReader;
import io.leadsync.application.port.out.CrmChangeReader.ChangePage;
import io.leadsync.application.port.out.CrmChangeReader.CrmChange;
import io.leadsync.application.port.out.CrmChangeReader.ChangeWindow;
import io.leadsync.application.port.out.CrmChangeReader.Watermark;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmLink;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One connection's pull: its changed records page by page from the watermark (less an overlap) to a lag before now,
 * each page merged ({@link PulledPage}) and checkpointed, then the records deleted or merged away in the CRM.
 */
final class ConnectionPull {
    /** A record the CRM stamped late is not missed; seeing one twice is harmless. */
    static final Duration OVERLAP = Duration.ofMinutes(2);

    private final PullParts parts;
    private final PullSchedule schedule;
    private final PullSchedule.Due due;
    private final CrmConnection connection;
    private final CrmChangeReader reader;
    private final ConnectionCalls calls;
    private final Instant started;
    final PullTally tally = new PullTally();
    Optional<Instant> deletionsCheckedUntil = Optional.empty();
    Optional<String> deletionsResume = Optional.empty();

    ConnectionPull(PullParts parts, PullSchedule schedule, PullSchedule.Due due, CrmConnection connection,
                   CrmChangeReader reader, ConnectionCalls calls, Instant started) {
        this.parts = parts;
        this.schedule = schedule;
        this.due = due;
        this.connection = connection;
        this.reader = reader;
        this.calls = calls;
        this.started = started;
    }

    /** HubSpot's search sees a write only seconds later; reading up to then would move the watermark past it. */
    static Duration lag(CrmKind kind) {
        return kind == CrmKind.HUBSPOT ? Duration.ofSeconds(5) : Duration.ZERO;
    }

    void go() {
        Instant until = started.minus(lag(connection.kind()));
        Watermark from = due.watermark().map(mark -> new Watermark(mark.modifiedAt().minus(OVERLAP), ""))
                .orElse(Watermark.origin());
        ChangeWindow window = new ChangeWindow(from, until);
        PulledPage pages = new PulledPage(parts, connection, this::pushDue);
        PagesAhead ahead = new PagesAhead(parts.fetchAhead(), cursor -> read(window, cursor));
        // Set once a page comes out of change order: from then on the watermark waits for the pull's last page.
        Watermark[] highest = {null};
        ahead.run(Optional.empty(), page -> {
            List<CrmChange> changes = page.changes().changes();
            tally.read += changes.size();
            pages.merge(changes, tally, page.asOf());
            if (changes.isEmpty()) {
                return;
            }
            if (page.changes().inChangeOrder() && highest[0] == null) {
                // Only once the page is merged: a pull that stops later starts again after this page, never skips one.
                checkpoint(changes.get(changes.size() - 1).watermark());
                return;
            }
            // Pages by record id: a pull that stops before its last page must read all of its window again.
            Watermark pageHighest = changes.stream().map(CrmChange::watermark).max(Comparator.naturalOrder())
                    .orElseThrow();
            highest[0] = highest[0] == null || pageHighest.compareTo(highest[0]) > 0 ? pageHighest : highest[0];
        });
        if (highest[0] != null) {
            checkpoint(highest[0]);
        }
        // First pull of a connection: nothing it deleted before concerns LeadSync yet.
        Instant since = due.deletionsCheckedUntil().orElse(started.minus(OVERLAP));
        CrmChangeReader.DeletionPage gone = calls.read(session -> reader.deletions(session, since, until,
                due.deletionsResume()), CrmChangeReader.DeletionPage::calls);
        if (!gone.deletions().isEmpty()) {
            parts.transactions().inTransaction(() -> {
                deleted(gone.deletions());
                return null;
            });
        }
        deletionsCheckedUntil = Optional.of(until);
        deletionsResume = gone.resume();
    }

    private void checkpoint(Watermark watermark) {
        parts.transactions().inTransaction(() -> {
            schedule.checkpoint(due.workspaceId(), due.connectionId(), watermark);
            return null;
        });
    }

    /** One page of changes, and when the CRM was as it shows (HubSpot's search: a few seconds before the call). */
    private PagesAhead.Page read(ChangeWindow window, Optional<String> cursor) {
        Instant asOf = parts.clock().instant().minus(lag(connection.kind()));
        ChangePage changes = calls.read(session -> reader.changes(session, window, cursor), ChangePage::calls);
        return new PagesAhead.Page(changes, asOf);
    }

    /** Records deleted in the CRM: a link follows a merge's master, else is marked; the lead always stays. */
    private void deleted(List<CrmChangeReader.Deletion> deletions) {
        CrmLinkRepository links = parts.links();
        Map<String, CrmLink> linkOf = links.findByCrmRecordIds(due.workspaceId(), due.connectionId(),
                deletions.stream().map(CrmChangeReader.Deletion::crmRecordId).distinct().toList());
        List<CrmLink> marked = new ArrayList<>();
        for (CrmChangeReader.Deletion deletion : deletions) {
            CrmLink link = linkOf.remove(deletion.crmRecordId());
            if (link == null || link.deletedInCrm()) {
                continue;
            }
            Instant now = parts.clock().instant();
            if (deletion.masterRecordId().isPresent()
                    && parts.merges().follow(link, deletion.masterRecordId().get(), pushDue(now))) {
                tally.merged++;
                continue;
            }
            // The lead stays: a record deleted in one CRM is not a lead LeadSync should forget.
            marked.add(link.markDeletedInCrm(now));
            tally.deleted++;
        }
        if (!marked.isEmpty()) {
            links.saveAll(marked);
        }
    }

    /**
     * What the pull owes the CRM goes with the connection's next push, like any other change: at the frequency the
     * connection has now, not the one it had when this pull began. An admin who set REALTIME meanwhile (which brings
     * the queue forward) would otherwise find this pull's owed pushes waiting for the old cycle's boundary.
     */
    Instant pushDue(Instant now) {
        return parts.connections().find(connection.workspaceId(), connection.id()).orElse(connection).settings()
                .frequency().pushDueAt(now);
    }

    int calls() {
        return calls.calls();
    }
}
