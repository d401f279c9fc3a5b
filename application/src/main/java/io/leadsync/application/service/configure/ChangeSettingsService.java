package io.leadsync.application.service.configure;

import io.leadsync.application.port.in.configure.ChangeSettingsCommand;
import io.leadsync.application.port.in.configure.ChangeSettingsUseCase;
import io.leadsync.application.port.in.configure.ListTargetObjectsUseCase;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.crm.TargetObject;
import io.leadsync.domain.sync.SyncEvent;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Changes a connection's sync settings as a merge-patch: what the command leaves empty stays. The change and its audit
 * entry commit together; a command that changes nothing records nothing. The patch is applied under the connection's
 * row lock, so a concurrent writer's change (the worker's "needs reauth") is kept, not overwritten.
 */
public final class ChangeSettingsService implements ChangeSettingsUseCase {
    private final CrmConnectionRepository connections;
    private final DeliveryQueue deliveries;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private Optional<PullSchedule> pulls = Optional.empty();
    private Optional<ListTargetObjectsUseCase> targetObjects = Optional.empty();

    public ChangeSettingsService(CrmConnectionRepository connections, DeliveryQueue deliveries, AuditLog audit,
                                 TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        this.connections = connections;
        this.deliveries = deliveries;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    /** The pull schedule a faster frequency brings forward. */
    public ChangeSettingsService withPullSchedule(PullSchedule pulls) {
        this.pulls = Optional.of(pulls);
        return this;
    }

    /** What the CRM offers as target objects: Person Account is saved only where the org has them. */
    public ChangeSettingsService withTargetObjects(ListTargetObjectsUseCase targetObjects) {
        this.targetObjects = Optional.of(targetObjects);
        return this;
    }

    @Override
    public CrmConnection changeSettings(ChangeSettingsCommand command) {
        if (command.targetObject().filter(target -> target == TargetObject.PERSON_ACCOUNT).isPresent()) {
            // Asked before the transaction: a CRM call must not hold a database transaction open.
            refuseUnlessOffered(command);
        }
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            // The merge-patch is applied to the connection as it is under its row lock, not to a copy read earlier:
            // the worker may be marking it "needs reauth" at this very moment, and that must survive (ADR 0094).
            SettingsPatch patch = new SettingsPatch(command, now);
            CrmConnection connection = connections.update(command.workspaceId(), command.connectionId(), patch::apply)
                    .orElseThrow(() -> new ConnectionNotFoundException(command.connectionId().toString()));
            if (!patch.changed()) {
                return connection;
            }
            SyncSettings before = patch.before;
            SyncSettings after = connection.settings();
            if (after.frequency().pullInterval().compareTo(before.frequency().pullInterval()) < 0) {
                bringPendingForward(connection, after.frequency(), now);
                // The next pull comes at the new pace from now, not after the slower cycle's next pull.
                pulls.ifPresent(schedule -> schedule.pullBy(connection.workspaceId(), connection.id(),
                        now.plus(after.frequency().pullInterval())));
            }
            audit.record(AuditEntry.of(ids.newId(), command.workspaceId(), now, command.actor(), Optional.empty(),
                    Optional.of(connection.id().value()), new SyncEvent.SettingsChanged(describe(before, after))));
            return connection;
        });
    }

    /** The command applied to the connection as stored; remembers what the settings were before. */
    private static final class SettingsPatch {
        private final ChangeSettingsCommand command;
        private final Instant now;
        private SyncSettings before;
        private boolean changed;

        SettingsPatch(ChangeSettingsCommand command, Instant now) {
            this.command = command;
            this.now = now;
        }

        void apply(CrmConnection connection) {
            before = connection.settings();
            SyncSettings after = new SyncSettings(command.frequency().orElse(before.frequency()),
                    command.direction().orElse(before.direction()),
                    command.conflictPolicy().orElse(before.conflictPolicy()),
                    command.createRecordsInCrm().orElse(before.createRecordsInCrm()),
                    command.createLeadsFromCrm().orElse(before.createLeadsFromCrm()),
                    command.targetObject().orElse(before.targetObject()),
                    command.createAccountsInCrm().orElse(before.createAccountsInCrm()));
            if (after.equals(before)) {
                return;
            }
            List<io.leadsync.domain.crm.FieldMapping> mappings = connection.mappings();
            if (after.targetObject() != before.targetObject()) {
                if (connection.kind() != io.leadsync.domain.crm.CrmKind.SALESFORCE) {
                    throw new io.leadsync.application.port.in.configure.InvalidSettingsException("The settings were not changed.",
                            List.of(new io.leadsync.application.port.in.configure.InvalidSettingsException.Violation(
                                    "targetObject", "only a Salesforce connection writes Leads, Contacts or Person Accounts; "
                                    + connection.kind() + " keeps " + before.targetObject())));
                }
                // A Lead's fields are not a Contact's (Company lives on the Account): the new target starts from its
                // default mapping under the same field prefix, which the admin can edit and then provision.
                mappings = io.leadsync.domain.crm.DefaultMappings.forTarget(connection.kind(), after.targetObject(),
                        prefix(mappings));
            }
            connection.changeSettings(after, mappings, now);
            changed = true;
        }

        boolean changed() {
            return changed;
        }
    }

    /**
     * Person Account is refused where the org has no Person Accounts the connected user can create (or Salesforce
     * could not be asked): saved anyway, every lead would fail at its push (ADR 0082).
     */
    private void refuseUnlessOffered(ChangeSettingsCommand command) {
        CrmConnection connection = connections.find(command.workspaceId(), command.connectionId())
                .orElseThrow(() -> new ConnectionNotFoundException(command.connectionId().toString()));
        if (connection.kind() != io.leadsync.domain.crm.CrmKind.SALESFORCE
                || connection.settings().targetObject() == TargetObject.PERSON_ACCOUNT || targetObjects.isEmpty()) {
            return;
        }
        ListTargetObjectsUseCase.Offered offered = targetObjects.get().targetObjects(command.workspaceId(),
                command.connectionId());
        if (!offered.offered().contains(TargetObject.PERSON_ACCOUNT)) {
            String rule = offered.checked() ? ListTargetObjectsUseCase.PERSON_ACCOUNT_RULE
                    : "Person Account is offered only where the Salesforce org has Person Accounts, and "
                    + offered.why().orElse("Salesforce could not be asked now");
            throw new io.leadsync.application.port.in.configure.InvalidSettingsException(
                    "The settings were not changed.", List.of(
                    new io.leadsync.application.port.in.configure.InvalidSettingsException.Violation("targetObject",
                            rule)));
        }
    }

    /**
     * Deliveries already queued wait for the old, slower cycle's boundary. A faster frequency should not leave them
     * there: REALTIME ones are due now, the others at most one new cycle from now. Enqueueing keeps the earlier due time.
     * An entry waiting out a retry backoff (attempts made) keeps waiting: the frequency does not make the CRM healthier.
     */
    private void bringPendingForward(CrmConnection connection, SyncFrequency frequency, Instant now) {
        Instant dueBy = frequency == SyncFrequency.REALTIME ? now : now.plus(frequency.pullInterval());
        deliveries.bringForward(connection.workspaceId(), connection.id(), dueBy);
    }

    private static List<SyncEvent.SettingChange> describe(SyncSettings before, SyncSettings after) {
        List<SyncEvent.SettingChange> changes = new ArrayList<>();
        change(changes, "frequency", before.frequency(), after.frequency());
        change(changes, "direction", before.direction(), after.direction());
        change(changes, "conflictPolicy", before.conflictPolicy(), after.conflictPolicy());
        change(changes, "createRecordsInCrm", before.createRecordsInCrm(), after.createRecordsInCrm());
        change(changes, "createLeadsFromCrm", before.createLeadsFromCrm(), after.createLeadsFromCrm());
        change(changes, "targetObject", before.targetObject(), after.targetObject());
        change(changes, "createAccountsInCrm", before.createAccountsInCrm(), after.createAccountsInCrm());
        return changes;
    }

    /** The field prefix of the connection's lead-id field ({@code Acme} of {@code Acme_Lead_ID__c}). */
    private static String prefix(List<io.leadsync.domain.crm.FieldMapping> mappings) {
        return mappings.stream().filter(m -> m.appField() == io.leadsync.domain.lead.LeadField.LEAD_ID)
                .map(io.leadsync.domain.crm.FieldMapping::crmField)
                .map(name -> java.util.regex.Pattern.compile("([A-Za-z][A-Za-z0-9]{0,19})_Lead_ID__c").matcher(name))
                .filter(java.util.regex.Matcher::matches).map(m -> m.group(1)).findFirst()
                .orElse(io.leadsync.domain.crm.DefaultMappings.DEFAULT_PREFIX);
    }

    private static void change(List<SyncEvent.SettingChange> changes, String name, Object before, Object after) {
        if (!before.equals(after)) {
            changes.add(new SyncEvent.SettingChange(name, before.toString(), after.toString()));
        }
    }
}
