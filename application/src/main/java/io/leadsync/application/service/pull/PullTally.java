package io.leadsync.application.service.pull;

/** What one pull did, counted; a page's counts join the pull's once the page's transaction committed. */
final class PullTally {
    int read;
    int updated;
    int created;
    int unchanged;
    int unmatched;
    int refused;
    int deleted;
    int conflicts;
    int converted;
    int merged;

    void add(PullTally page) {
        read += page.read;
        updated += page.updated;
        created += page.created;
        unchanged += page.unchanged;
        unmatched += page.unmatched;
        refused += page.refused;
        deleted += page.deleted;
        conflicts += page.conflicts;
        converted += page.converted;
        merged += page.merged;
    }

    boolean anything() {
        return read > 0 || deleted > 0 || merged > 0;
    }

    /** The pull as a typed event (ADR 0063), whose summary is the audit's detail as API readers know it. */
    io.leadsync.domain.sync.SyncEvent.PullRun event(int calls, long millis, String startedBy,
                                                    java.util.Optional<String> stopped) {
        return new io.leadsync.domain.sync.SyncEvent.PullRun(read, updated, created, unchanged, unmatched, refused,
                deleted, converted, merged, conflicts, calls, millis, startedBy, stopped);
    }
}
