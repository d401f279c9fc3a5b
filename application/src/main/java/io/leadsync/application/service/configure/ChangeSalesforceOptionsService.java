package io.leadsync.application.service.configure;

import io.leadsync.application.port.in.configure.ChangeSalesforceOptionsUseCase;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.SalesforceOptions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Changes a Salesforce connection's page layout option, audited like every settings change. The next "Provision
 * again" acts on it: with the option on, LeadSync's fields go onto the object's page layouts.
 */
public final class ChangeSalesforceOptionsService implements ChangeSalesforceOptionsUseCase {
    private final CrmConnectionRepository connections;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public ChangeSalesforceOptionsService(CrmConnectionRepository connections, AuditLog audit,
                                          TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        this.connections = connections;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public CrmConnection changeSalesforceOptions(ChangeSalesforceOptionsCommand command) {
        return transactions.inTransaction(() -> {
            CrmConnection connection = connections.find(command.workspaceId(), command.connectionId())
                    .orElseThrow(() -> new ConnectionNotFoundException(command.connectionId().toString()));
            if (command.addFieldsToPageLayouts().isPresent() && connection.kind() != CrmKind.SALESFORCE) {
                throw new InvalidSettingsException("The settings have invalid fields; nothing was changed.",
                        List.of(new InvalidSettingsException.Violation("addFieldsToPageLayouts",
                                "only a Salesforce connection has page layouts")));
            }
            if (command.assignNewLeadsByRules().isPresent() && connection.kind() != CrmKind.SALESFORCE) {
                throw new InvalidSettingsException("The settings have invalid fields; nothing was changed.",
                        List.of(new InvalidSettingsException.Violation("assignNewLeadsByRules",
                                "only a Salesforce connection has assignment rules")));
            }
            SalesforceOptions before = connection.salesforce();
            SalesforceOptions after = before.withPageLayouts(command.addFieldsToPageLayouts()
                    .orElse(before.addFieldsToPageLayouts()))
                    .withAssignmentRules(command.assignNewLeadsByRules().orElse(before.assignNewLeadsByRules()));
            if (after.equals(before)) {
                return connection;
            }
            Instant now = clock.instant();
            connection.changeSalesforceOptions(after, now);
            connections.update(connection);
            audit.record(new AuditEntry(ids.newId(), command.workspaceId(), now, command.actor(),
                    "connection.settings-changed", Optional.empty(), Optional.of(connection.id().value()),
                    "addFieldsToPageLayouts " + before.addFieldsToPageLayouts() + " -> "
                            + after.addFieldsToPageLayouts() + ", assignNewLeadsByRules "
                            + before.assignNewLeadsByRules() + " -> " + after.assignNewLeadsByRules()));
            return connection;
        });
    }
}
