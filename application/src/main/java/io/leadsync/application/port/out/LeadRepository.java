package io.leadsync.application.port.out;

import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** The workspace's leads. Every method is scoped by workspace: one workspace never sees another's leads. */
public interface LeadRepository {
    Optional<Lead> find(WorkspaceId workspaceId, LeadId leadId);

    /**
     * Many leads of the workspace by id, those that exist: what a push batch reads once instead of once per lead. The
     * default asks {@link #find} for each; a database answers in one statement.
     */
    default Map<LeadId, Lead> findAll(WorkspaceId workspaceId, Collection<LeadId> leadIds) {
        Map<LeadId, Lead> found = new LinkedHashMap<>();
        leadIds.forEach(leadId -> find(workspaceId, leadId).ifPresent(lead -> found.put(leadId, lead)));
        return found;
    }

    /**
     * Reads a lead in order to change it within the current transaction: other writers of the same lead wait until
     * this transaction ends, so concurrent changes to one lead apply one after another instead of failing.
     */
    Optional<Lead> findForChange(WorkspaceId workspaceId, LeadId leadId);

    /**
     * Stores a new lead.
     *
     * @throws LeadAlreadyExistsException when the workspace already has a lead with this id
     */
    void insert(Lead lead);

    /**
     * Stores new leads as {@link #insert} does each, in one round trip where the store can (a batch capture); all or
     * none.
     *
     * @throws LeadAlreadyExistsException when the workspace already has a lead with one of these ids
     */
    default void insertAll(List<Lead> leads) {
        leads.forEach(this::insert);
    }

    /**
     * Stores a changed lead, only if nobody else changed it since it was read (its version is one past the stored one).
     *
     * @throws ConcurrentLeadChangeException otherwise
     */
    void update(Lead lead);

    LeadSlice list(LeadCriteria criteria);

    /**
     * The workspace's lead with this work email (canonical, lower case), locked like {@link #findForChange}; the oldest
     * when several share it. How a CRM record LeadSync never linked finds its lead.
     */
    Optional<Lead> findForChangeByWorkEmail(WorkspaceId workspaceId, String workEmail);

    /**
     * The leads with these ids, locked like {@link #findForChange}, in lead-id order (so two writers locking
     * overlapping sets take the locks in one order). Ids without a lead are left out. One query where the store can:
     * how a pull reads the leads of a page of CRM edits.
     */
    default List<Lead> findAllForChange(WorkspaceId workspaceId, java.util.Collection<LeadId> leadIds) {
        return leadIds.stream().distinct().sorted(Comparator.comparing(LeadId::value))
                .flatMap(id -> findForChange(workspaceId, id).stream()).toList();
    }

    /**
     * For each of these work emails (canonical, lower case) the workspace's lead with it, locked, as
     * {@link #findForChangeByWorkEmail} answers one; emails without a lead are left out.
     */
    default java.util.Map<String, Lead> findForChangeByWorkEmails(WorkspaceId workspaceId,
                                                                 java.util.Collection<String> workEmails) {
        java.util.Map<String, Lead> found = new java.util.HashMap<>();
        workEmails.stream().distinct().sorted().forEach(email -> findForChangeByWorkEmail(workspaceId, email)
                .ifPresent(lead -> found.put(email, lead)));
        return found;
    }

    /**
     * Stores changed leads as {@link #update} does each, in one round trip where the store can; all or none.
     *
     * @throws ConcurrentLeadChangeException when one of them was changed by somebody else since it was read
     */
    default void updateAll(List<Lead> leads) {
        leads.forEach(this::update);
    }

    /**
     * Up to {@code limit} leads of the workspace in lead-id order, after {@code after} (from the first when empty): a
     * walk over every lead that neither skips nor repeats one when leads change or arrive during the walk, as paging
     * by offset over "newest change first" would.
     */
    List<Lead> listAfter(WorkspaceId workspaceId, Optional<LeadId> after, int limit);

    /**
     * Up to {@code limit} leads of the workspace whose lead id, work email, first or last name or company contains
     * {@code text} (ignoring case), newest change first: how an admin finds a lead. This default walks every lead of
     * the workspace; a store that can search answers it with one query.
     */
    default List<Lead> search(WorkspaceId workspaceId, String text, int limit) {
        String wanted = text.toLowerCase(Locale.ROOT);
        List<Lead> matches = new ArrayList<>();
        Optional<LeadId> after = Optional.empty();
        List<Lead> page;
        do {
            page = listAfter(workspaceId, after, 500);
            for (Lead lead : page) {
                boolean match = lead.id().value().toLowerCase(Locale.ROOT).contains(wanted)
                        || Stream.of(LeadField.WORK_EMAIL, LeadField.FIRST_NAME, LeadField.LAST_NAME,
                                LeadField.COMPANY_NAME).map(field -> lead.value(field).orElse(""))
                        .anyMatch(value -> value.toLowerCase(Locale.ROOT).contains(wanted));
                if (match) {
                    matches.add(lead);
                }
            }
            after = page.isEmpty() ? after : Optional.of(page.get(page.size() - 1).id());
        } while (!page.isEmpty());
        return matches.stream()
                .sorted(Comparator.comparing(Lead::updatedAt).reversed().thenComparing(lead -> lead.id().value()))
                .limit(limit).toList();
    }
}
