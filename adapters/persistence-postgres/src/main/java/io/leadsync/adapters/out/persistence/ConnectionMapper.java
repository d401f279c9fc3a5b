package io.leadsync.adapters.out.persistence;

import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.LoginHost;
import io.leadsync.domain.crm.SalesforceOptions;
import io.leadsync.domain.crm.Readiness;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.crm.TargetObject;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Optional;

/** Between a {@link CrmConnection} and its row; enums are stored by name, app fields by api name. */
final class ConnectionMapper {
    private ConnectionMapper() {
    }

    static ConnectionRow toRow(CrmConnection connection) {
        SyncSettings settings = connection.settings();
        Optional<CrmIdentity> identity = connection.identity();
        return new ConnectionRow(connection.id().value(), connection.workspaceId().value(), connection.kind().name(),
                connection.state().name(), connection.stateReason().orElse(null),
                identity.map(CrmIdentity::userEmail).orElse(null), identity.map(CrmIdentity::orgName).orElse(null),
                identity.map(CrmIdentity::orgId).orElse(null), identity.flatMap(CrmIdentity::instanceUrl).orElse(null),
                identity.flatMap(CrmIdentity::userId).orElse(null),
                new ConnectionRow.SettingsDocument(settings.frequency().name(), settings.direction().name(),
                        settings.conflictPolicy().name(), settings.createRecordsInCrm(), settings.createLeadsFromCrm(),
                        settings.targetObject().name(), connection.salesforce().loginHost().kind().name(),
                        connection.salesforce().loginHost().myDomain().map(java.net.URI::toString).orElse(null),
                        connection.salesforce().addFieldsToPageLayouts(), settings.createAccountsInCrm(),
                        connection.salesforce().assignNewLeadsByRules()),
                connection.mappings().stream().map(mapping -> new ConnectionRow.MappingDocument(
                        mapping.appField().apiName(), mapping.crmField(), mapping.direction().name(),
                        mapping.conflictOverride().map(Enum::name).orElse(null))).toList(),
                connection.readiness().map(readiness -> readiness.problems().stream().map(problem ->
                        new ConnectionRow.ProblemDocument(problem.kind().name(), problem.crmField(), problem.detail(),
                                problem.fix())).toList()).orElse(null),
                connection.createdAt(), connection.updatedAt());
    }

    static CrmConnection toDomain(ConnectionRow row) {
        ConnectionRow.SettingsDocument settings = row.settings();
        Optional<CrmIdentity> identity = row.identityEmail() == null ? Optional.empty()
                : Optional.of(new CrmIdentity(row.identityEmail(), row.identityOrgName(), row.identityOrgId(),
                Optional.ofNullable(row.identityInstance()), Optional.ofNullable(row.identityUserId())));
        return CrmConnection.restore(new ConnectionId(row.id()), new WorkspaceId(row.workspaceId()),
                CrmKind.valueOf(row.kind()), ConnectionState.valueOf(row.state()),
                Optional.ofNullable(row.stateReason()), identity,
                new SyncSettings(SyncFrequency.valueOf(settings.frequency()), SyncDirection.valueOf(settings.direction()),
                        ConflictPolicy.valueOf(settings.conflictPolicy()), settings.createRecordsInCrm(),
                        settings.createLeadsFromCrm(), TargetObject.valueOf(settings.targetObject()),
                        // Stored before Accounts had their own switch: they followed the records' one.
                        settings.createAccountsInCrm() == null ? settings.createRecordsInCrm()
                                : settings.createAccountsInCrm()),
                row.mappings().stream().map(mapping -> new FieldMapping(
                        LeadField.byApiName(mapping.appField()).orElseThrow(
                                () -> new IllegalStateException("stored mapping has an unknown field " + mapping.appField())),
                        mapping.crmField(), SyncDirection.valueOf(mapping.direction()),
                        Optional.ofNullable(mapping.conflictOverride()).map(ConflictPolicy::valueOf))).toList(),
                Optional.ofNullable(row.readiness()).map(problems -> new Readiness(problems.stream().map(problem ->
                        new Readiness.Problem(Readiness.Kind.valueOf(problem.kind()), problem.crmField(),
                                problem.detail(), problem.fix())).toList())),
                row.createdAt(), row.updatedAt()).restoreSalesforceOptions(salesforce(settings));
    }

    /**
     * Rows from before the Salesforce options (issue 12) read as a production org without page layout edits, new
     * leads routed by the org's assignment rules (the default).
     */
    static SalesforceOptions salesforce(ConnectionRow.SettingsDocument settings) {
        LoginHost host = settings.loginHost() == null ? LoginHost.production()
                : new LoginHost(LoginHost.Kind.valueOf(settings.loginHost()),
                Optional.ofNullable(settings.myDomainUrl()).map(java.net.URI::create));
        return new SalesforceOptions(host, Boolean.TRUE.equals(settings.pageLayouts()),
                !Boolean.FALSE.equals(settings.assignmentRules()));
    }
}
