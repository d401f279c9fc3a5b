package io.leadsync.application.service.pull;

import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.domain.crm.CrmLink;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A rep merged a lead's CRM record away (ADR 0039): the link follows the master, so the lead's next write goes there
 * (by its Id, stamping the lead id) and never re-creates the loser. A master another lead is linked to is that lead's
 * record; two leads cannot share one, so then nothing follows and the caller marks the link deleted. Runs in the
 * caller's transaction.
 */
final class MergedRecords {
    private final LeadRepository leads;
    private final CrmLinkRepository links;
    private final DeliveryQueue deliveries;
    private final PullAudit audit;
    private final Clock clock;

    MergedRecords(LeadRepository leads, CrmLinkRepository links, DeliveryQueue deliveries, PullAudit audit,
                  Clock clock) {
        this.leads = leads;
        this.links = links;
        this.deliveries = deliveries;
        this.audit = audit;
        this.clock = clock;
    }

    /** Whether the link now follows {@code master}; the lead is owed to it at {@code pushDue}. */
    boolean follow(CrmLink link, String master, Instant pushDue) {
        Instant now = clock.instant();
        Optional<CrmLink> holder = links.findByCrmRecordId(link.workspaceId(), link.connectionId(), master);
        if (holder.isPresent() && !holder.get().leadId().equals(link.leadId())) {
            audit.write(audit.merged(link.workspaceId(), link.connectionId(), now, link.leadId(), link.crmRecordId(),
                    master, Optional.of(holder.get().leadId())));
            return false;
        }
        links.save(link.mergedInto(master, now));
        leads.findForChange(link.workspaceId(), link.leadId()).ifPresent(lead -> deliveries.enqueue(
                link.workspaceId(), link.connectionId(), lead.id(), lead.version(), pushDue,
                DeliveryQueue.Cause.PULL));
        audit.write(audit.merged(link.workspaceId(), link.connectionId(), now, link.leadId(), link.crmRecordId(),
                master, Optional.empty()));
        return true;
    }
}
