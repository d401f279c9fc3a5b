package io.leadsync.application.port.out;

import io.leadsync.domain.crm.CrmKind;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads what changed in one CRM's lead records (Salesforce Leads, HubSpot contacts) since a watermark, a page at a
 * time, in the order of the CRM's modification stamp with the record id breaking ties, so that the caller can save
 * the watermark after every page and a crash repeats at most one page. Values come back as LeadSync's canonical text
 * by app field, through the session's mapping (only fields whose direction allows pulling).
 */
public interface CrmChangeReader {
    CrmKind kind();

    /**
     * One page of records whose modification stamp is after {@code window.after()} (ties on the stamp broken by id)
     * and not after {@code window.until()}. The caller starts the window at {@code watermark - overlap}, so a record
     * may come back again; the merge makes that harmless. {@code cursor} is empty for the first page and then the
     * previous page's {@link ChangePage#next()}, an opaque value only this reader understands. Save the watermark of
     * a page's last change, never a maximum by {@link Watermark#compareTo}: the CRM's order of ids (Salesforce sorts
     * them without regard to case, HubSpot as numbers) is the one that counts. Follow {@code next} while present,
     * even past an empty page: a page can be empty when records left the window between two calls.
     *
     * @throws AccessTokenRejectedException when the CRM refused the access token: refresh it and call again
     * @throws CrmRateLimitedException      when the CRM's rate limit was hit; nothing was read
     * @throws CrmUnavailableException      when the CRM failed or could not be reached
     */
    ChangePage changes(CrmSession session, ChangeWindow window, Optional<String> cursor);

    /**
     * Records deleted (Salesforce) or archived (HubSpot) after {@code since}, as far as the CRM still reports them;
     * the list is complete for the window. HubSpot cannot filter archived contacts by date, so there it reads every
     * archived contact (100 a call): call it once a cycle, not per page. Merged-away and GDPR-deleted HubSpot
     * contacts are not reported.
     */
    DeletionPage deletions(CrmSession session, Instant since, Instant until);

    /**
     * As {@link #deletions(CrmSession, Instant, Instant)} for a CRM whose deletion scan cannot be narrowed by date and
     * so is spread over cycles at a bounded cost each: {@code resume} is the previous cycle's
     * {@link DeletionPage#resume()} (empty: from the start). Such a scan may report deletions from before
     * {@code since}, which the caller must treat as harmless repeats. The default ignores {@code resume}.
     */
    default DeletionPage deletions(CrmSession session, Instant since, Instant until, Optional<String> resume) {
        return deletions(session, since, until);
    }

    /** A position in the CRM's change order: the modification stamp, then the record id. */
    record Watermark(Instant modifiedAt, String recordId) implements Comparable<Watermark> {
        public Watermark {
            Objects.requireNonNull(modifiedAt, "modifiedAt");
            Objects.requireNonNull(recordId, "recordId");
        }

        /** Before every record: the start of a first pull. */
        public static Watermark origin() {
            return new Watermark(Instant.EPOCH, "");
        }

        /**
         * The CRMs' own order: the stamp, then the id as the CRMs sort it. HubSpot ids are numbers (shorter first),
         * Salesforce ids have one length and sort without regard to case; exact case only breaks what is left.
         */
        @Override
        public int compareTo(Watermark other) {
            int byTime = modifiedAt.compareTo(other.modifiedAt);
            if (byTime != 0) {
                return byTime;
            }
            int byLength = Integer.compare(recordId.length(), other.recordId.length());
            if (byLength != 0) {
                return byLength;
            }
            int ignoringCase = recordId.compareToIgnoreCase(other.recordId);
            return ignoringCase != 0 ? ignoringCase : recordId.compareTo(other.recordId);
        }
    }

    /** Records changed after {@code after} and not after {@code until}. */
    record ChangeWindow(Watermark after, Instant until) {
        public ChangeWindow {
            Objects.requireNonNull(after, "after");
            Objects.requireNonNull(until, "until");
        }
    }

    /**
     * One changed record: its CRM id, its modification stamp, and its values by app field as canonical LeadSync text
     * (an empty value: the CRM field is empty). A value LeadSync cannot read is left out, and named in
     * {@code unreadable} with the reason, rather than failing the page.
     */
    record CrmChange(String crmRecordId, Instant modifiedAt,
                     java.util.Map<io.leadsync.domain.lead.LeadField, Optional<String>> values,
                     List<String> unreadable, Optional<io.leadsync.domain.crm.CrmConversion> conversion) {
        public CrmChange(String crmRecordId, Instant modifiedAt,
                         java.util.Map<io.leadsync.domain.lead.LeadField, Optional<String>> values,
                         List<String> unreadable) {
            this(crmRecordId, modifiedAt, values, unreadable, Optional.empty());
        }

        public CrmChange {
            Objects.requireNonNull(conversion, "conversion");
            Objects.requireNonNull(crmRecordId, "crmRecordId");
            Objects.requireNonNull(modifiedAt, "modifiedAt");
            java.util.EnumMap<io.leadsync.domain.lead.LeadField, Optional<String>> copy =
                    new java.util.EnumMap<>(io.leadsync.domain.lead.LeadField.class);
            copy.putAll(values);
            values = java.util.Collections.unmodifiableMap(copy);
            unreadable = List.copyOf(unreadable);
        }

        public Watermark watermark() {
            return new Watermark(modifiedAt, crmRecordId);
        }
    }

    /**
     * A page of changes; {@code next} is present when more follow; {@code calls} is how many CRM calls the page took;
     * {@code usage} the CRM's API usage if it reported it. {@code inChangeOrder}: the page's changes come in watermark
     * order and after every earlier page's, so the caller may save the last one's watermark once the page is merged.
     * A page that is not (HubSpot reads a small window by record id, ADR 0108) moves the watermark only when the
     * pull has read its last page: to the highest it read.
     */
    record ChangePage(List<CrmChange> changes, Optional<String> next, int calls, Optional<ApiUsage> usage,
                      boolean inChangeOrder) {
        public ChangePage {
            changes = List.copyOf(changes);
            Objects.requireNonNull(next, "next");
            Objects.requireNonNull(usage, "usage");
        }

        /** A page in watermark order. */
        public ChangePage(List<CrmChange> changes, Optional<String> next, int calls, Optional<ApiUsage> usage) {
            this(changes, next, calls, usage, true);
        }
    }

    /**
     * A record the CRM deleted or archived, and when; {@code masterRecordId} names the record it was merged into, when
     * a rep merged it away (a Salesforce merge deletes the losers and names the master on them).
     */
    record Deletion(String crmRecordId, Instant deletedAt, Optional<String> masterRecordId) {
        public Deletion {
            Objects.requireNonNull(crmRecordId, "crmRecordId");
            Objects.requireNonNull(deletedAt, "deletedAt");
            Objects.requireNonNull(masterRecordId, "masterRecordId");
        }

        public Deletion(String crmRecordId, Instant deletedAt) {
            this(crmRecordId, deletedAt, Optional.empty());
        }
    }

    /** The deletions found; {@code resume} where the next cycle's scan goes on, empty when it starts over. */
    record DeletionPage(List<Deletion> deletions, int calls, Optional<String> resume) {
        public DeletionPage {
            deletions = List.copyOf(deletions);
            Objects.requireNonNull(resume, "resume");
        }

        public DeletionPage(List<Deletion> deletions, int calls) {
            this(deletions, calls, Optional.empty());
        }
    }
}
