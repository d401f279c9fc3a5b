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
        Instant now = clock.instant();
        return transactions.inTransaction(() -> {
            // Applied to the connection as it is under its row lock (ADR 0094), not to a copy read earlier.
            List<SalesforceOptions> before = new java.util.ArrayList<>(1);
            CrmConnection connection = connections.update(command.workspaceId(), command.connectionId(), current -> {
                refuseUnlessSalesforce(command, current);
                before.add(current.salesforce());
                SalesforceOptions after = changed(command, current.salesforce());
                if (!after.equals(current.salesforce())) {
                    current.changeSalesforceOptions(after, now);
                }
            }).orElseThrow(() -> new ConnectionNotFoundException(command.connectionId().toString()));
            SalesforceOptions was = before.get(0);
            SalesforceOptions after = connection.salesforce();
            if (after.equals(was)) {
                return connection;
            }
            audit.record(new AuditEntry(ids.newId(), command.workspaceId(), now, command.actor(),
                    "connection.settings-changed", Optional.empty(), Optional.of(connection.id().value()),
                    "addFieldsToPageLayouts " + was.addFieldsToPageLayouts() + " -> "
                            + after.addFieldsToPageLayouts() + ", assignNewLeadsByRules "
                            + was.assignNewLeadsByRules() + " -> " + after.assignNewLeadsByRules()));
            return connection;
        });
    }

    private static SalesforceOptions changed(ChangeSalesforceOptionsCommand command, SalesforceOptions before) {
        return before.withPageLayouts(command.addFieldsToPageLayouts().orElse(before.addFieldsToPageLayouts()))
                .withAssignmentRules(command.assignNewLeadsByRules().orElse(before.assignNewLeadsByRules()));
    }

    private static void refuseUnlessSalesforce(ChangeSalesforceOptionsCommand command, CrmConnection connection) {
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
    }
}
