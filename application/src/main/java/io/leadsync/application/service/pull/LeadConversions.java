package io.leadsync.application.service.pull;

import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmConversion;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.lead.LeadStatus;
import io.leadsync.domain.sync.ChangeSource;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.sync.SyncEvent;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What LeadSync does once it notices that a rep converted a lead's CRM record (on a push the CRM refused as converted,
 * or on a pull): the lead's status becomes CONVERTED, as a change from that connection (so the other CRMs hear of it
 * and this one is not sent it back as news), and the connection owes the lead whole to the Contact, which holds only
 * what the conversion copied. The caller has already moved the link to the Contact; this runs in its transaction.
 */
public final class LeadConversions {
    private final LeadRepository leads;
    private final Outbox outbox;
    private final DeliveryQueue deliveries;
    private final AuditLog audit;
    private final IdGenerator ids;

    public LeadConversions(LeadRepository leads, Outbox outbox, DeliveryQueue deliveries, AuditLog audit, IdGenerator ids) {
        this.leads = leads;
        this.outbox = outbox;
        this.deliveries = deliveries;
        this.audit = audit;
        this.ids = ids;
    }

    public void noticed(WorkspaceId workspace, CrmConnection connection, LeadId leadId, CrmConversion conversion,
                 String how, Instant now) {
        Optional<Lead> found = leads.findForChange(workspace, leadId);
        if (found.isEmpty()) {
            return;
        }
        Lead lead = found.get();
        if (lead.status() != LeadStatus.CONVERTED) {
            List<FieldChange> changes = lead.changeStatus(LeadStatus.CONVERTED, now);
            if (!changes.isEmpty()) {
                leads.update(lead);
                outbox.append(new LeadChanged(ids.newId(), workspace, lead.id(), lead.version(), false, changes,
                        new ChangeSource.Crm(connection.id()), now));
            }
        }
        deliveries.enqueue(workspace, connection.id(), lead.id(), lead.version(), now, DeliveryQueue.Cause.PULL);
        audit.record(AuditEntry.of(ids.newId(), workspace, now, "sync", Optional.of(lead.id().value()),
                Optional.of(connection.id().value()), new SyncEvent.LeadConverted(conversion.convertedRecordId(),
                        conversion.contactId(), conversion.accountId(), how)));
    }
}
