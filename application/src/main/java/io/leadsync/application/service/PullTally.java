package io.leadsync.application.service;

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

    String summary(int calls) {
        return "pull: " + read + " read, " + updated + " leads updated, " + created + " created, " + unchanged
                + " unchanged, " + unmatched + " unmatched, " + refused + " refused, " + deleted + " deleted in "
                + "the CRM, " + converted + " converted and " + merged + " merged by reps, " + conflicts
                + " conflict(s) settled, " + calls + " CRM calls";
    }
}
