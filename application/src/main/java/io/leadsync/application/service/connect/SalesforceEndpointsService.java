package io.leadsync.application.service.connect;

import io.leadsync.application.service.crmcall.BudgetSpentException;
import io.leadsync.application.service.configure.MappingRules;
import io.leadsync.application.service.delivery.PushRecords;
import io.leadsync.application.service.delivery.SalesforceEndpointDelivery;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.delivery.ConnectionNotSyncingException;
import io.leadsync.application.port.in.CrmCallFailedException;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.configure.InvalidSettingsException.Violation;
import io.leadsync.application.port.in.LeadNotFoundException;
import io.leadsync.application.port.in.configure.MappingInput;
import io.leadsync.application.port.in.connect.SalesforceEndpointsUseCase;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.DestinationRefusedException;
import io.leadsync.application.port.out.EndpointSettingsStore;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadEndpoint;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.SalesforceOrgEndpoints;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.EndpointSettings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SalesforceEndpointType;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.crm.TargetObject;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Lists a Salesforce org's endpoints, creates deliveries to them and test-sends (issue 18). A delivery is a push-only
 * connection of kind {@link CrmKind#SALESFORCE_ENDPOINT} whose settings name the Salesforce connection whose session
 * it borrows; it is delivered by {@link EndpointDeliveries} through {@link SalesforceEndpointDelivery}.
 */
public final class SalesforceEndpointsService implements SalesforceEndpointsUseCase {
    /** The sample lead of a test send when the admin names none: recognisable in the org, easy to delete. */
    static final LeadId SAMPLE = new LeadId("leadsync-test-send");

    private final SalesforceEndpointDelivery delivery;
    private final CrmConnectionRepository connections;
    private final EndpointSettingsStore settings;
    private final LeadRepository leads;
    private final WorkspaceRepository workspaces;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public SalesforceEndpointsService(SalesforceEndpointDelivery delivery, CrmConnectionRepository connections,
                                      EndpointSettingsStore settings, LeadRepository leads,
                                      WorkspaceRepository workspaces, AuditLog audit,
                                      TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        this.delivery = delivery;
        this.connections = connections;
        this.settings = settings;
        this.leads = leads;
        this.workspaces = workspaces;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public Choices list(WorkspaceId workspaceId, ConnectionId salesforceConnection) {
        CrmConnection salesforce = salesforce(workspaceId, salesforceConnection);
        if (!salesforce.syncs()) {
            throw new ConnectionNotSyncingException("the Salesforce connection is " + salesforce.state()
                    + ": its org's endpoints are listed once it is connected");
        }
        SalesforceOrgEndpoints.Listing listing;
        try {
            listing = delivery.list(salesforce);
        } catch (CrmUnavailableException | io.leadsync.application.port.out.ReauthorizationRequiredException
                 | BudgetSpentException e) {
            throw new CrmCallFailedException("Salesforce could not list the org's endpoints: " + e.getMessage(), e);
        }
        return new Choices(listing.endpoints().stream()
                .map(e -> new Choice(e.type().name(), e.name(), e.label())).toList(), listing.notes());
    }

    @Override
    public CrmConnection create(WorkspaceId workspaceId, ConnectionId salesforceConnection, String actor,
                                Optional<String> type, Optional<String> name,
                                Optional<List<MappingInput>> mappingInputs) {
        CrmConnection salesforce = salesforce(workspaceId, salesforceConnection);
        List<Violation> violations = new ArrayList<>();
        Optional<SalesforceEndpointType> endpointType = Optional.empty();
        if (type.isEmpty()) {
            violations.add(new Violation("type", "is required: FLOW or APEX_REST"));
        } else {
            try {
                endpointType = Optional.of(SalesforceEndpointType.valueOf(type.get().strip()
                        .toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("type", "must be one of "
                        + Arrays.toString(SalesforceEndpointType.values())));
            }
        }
        if (name.isEmpty() || name.get().isBlank()) {
            violations.add(new Violation("name", "is required: the Flow's API name, or the Apex resource's path after "
                    + "/services/apexrest"));
        } else if (endpointType.isPresent()
                && !EndpointSettings.SalesforceEndpoint.valid(endpointType.get(), name.get())) {
            violations.add(new Violation("name", EndpointSettings.SalesforceEndpoint.rule(endpointType.get())));
        } else if (endpointType.isEmpty() && Arrays.stream(SalesforceEndpointType.values())
                .noneMatch(t -> EndpointSettings.SalesforceEndpoint.valid(t, name.get()))) {
            violations.add(new Violation("name", "must be a Flow API name or the path after /services/apexrest"));
        }
        if (salesforce.identity().isEmpty()) {
            violations.add(new Violation("connection", "the Salesforce connection has not been authorised yet"));
        }
        Instant now = clock.instant();
        SyncSettings syncSettings = new SyncSettings(SyncFrequency.REALTIME, SyncDirection.PUSH,
                ConflictPolicy.CRM_WINS, true, false, TargetObject.LEAD, false);
        CrmConnection connection = CrmConnection.start(new ConnectionId(ids.newId()), workspaceId,
                CrmKind.SALESFORCE_ENDPOINT, syncSettings, List.of(), now);
        List<FieldMapping> mappings = List.of();
        try {
            mappings = mappingInputs.map(inputs -> MappingRules.check(connection, inputs))
                    .orElseGet(DefaultMappings::salesforceEndpoint);
        } catch (InvalidSettingsException e) {
            violations.addAll(e.violations());
        }
        if (!violations.isEmpty()) {
            throw new InvalidSettingsException("The Salesforce endpoint has invalid settings; nothing was created.",
                    violations);
        }
        EndpointSettings.SalesforceEndpoint endpoint = new EndpointSettings.SalesforceEndpoint(workspaceId,
                salesforceConnection, endpointType.orElseThrow(), name.orElseThrow().strip());
        CrmIdentity org = salesforce.identity().orElseThrow();
        String where = endpoint.type() == SalesforceEndpointType.FLOW ? "Flow " + endpoint.name()
                : "Apex REST " + endpoint.name();
        connection.changeSettings(syncSettings, mappings, now);
        connection.authorised(new CrmIdentity(actor, where + " (" + org.orgName() + ")", org.orgId(),
                org.instanceUrl()), now);
        connection.verified(now);
        transactions.inTransaction(() -> {
            connections.insert(connection);
            settings.save(workspaceId, connection.id(), endpoint);
            audit.record(new AuditEntry(ids.newId(), workspaceId, now, actor, "connection.created", Optional.empty(),
                    Optional.of(connection.id().value()), "Salesforce endpoint delivery to " + where + " of "
                    + org.orgName() + " created, using Salesforce connection " + salesforceConnection.value()));
            return null;
        });
        return connection;
    }

    @Override
    public TestSend testSend(WorkspaceId workspaceId, ConnectionId deliveryId, String actor,
                             Optional<String> leadId) {
        CrmConnection connection = connections.find(workspaceId, deliveryId)
                .filter(found -> found.kind() == CrmKind.SALESFORCE_ENDPOINT)
                .orElseThrow(() -> new ConnectionNotFoundException(deliveryId.value().toString()));
        EndpointSettings endpoint = settings.find(workspaceId, deliveryId)
                .orElseThrow(() -> new ConnectionNotFoundException(deliveryId.value().toString()));
        Workspace workspace = workspaces.find(workspaceId).orElseThrow();
        CrmRecord record;
        if (leadId.isPresent()) {
            LeadId id = new LeadId(leadId.get());
            Lead lead = leads.find(workspaceId, id).orElseThrow(() -> new LeadNotFoundException(id));
            record = PushRecords.record(lead, connection, workspace);
        } else {
            record = sample(connection.mappings(), workspace);
        }
        TestSend result;
        try {
            LeadEndpoint.Answer answer = delivery.send(endpoint, connection.mappings(), record, clock.instant());
            result = new TestSend(answer.status(), answer.bodyExcerpt(), answer.accepted());
        } catch (CrmUnavailableException | DestinationRefusedException e) {
            throw new CrmCallFailedException("the test send did not reach Salesforce: " + e.getMessage(), e);
        }
        TestSend sent = result;
        transactions.inTransaction(() -> {
            audit.record(new AuditEntry(ids.newId(), workspaceId, clock.instant(), actor, "connection.test-send",
                    Optional.of(record.leadId().value()), Optional.of(deliveryId.value()), "test send: HTTP "
                    + sent.status() + (sent.answer().isBlank() ? "" : ": " + sent.answer())));
            return null;
        });
        return result;
    }

    /** A lead no one will mistake for a real one, with a value for every mapped field a Lead needs. */
    static CrmRecord sample(List<FieldMapping> mappings, Workspace workspace) {
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        values.put(LeadField.LEAD_ID, Optional.of(SAMPLE.value()));
        values.put(LeadField.FIRST_NAME, Optional.of("Test"));
        values.put(LeadField.LAST_NAME, Optional.of("LeadSync test send"));
        values.put(LeadField.WORK_EMAIL, Optional.of("test-send@leadsync.example"));
        values.put(LeadField.COMPANY_NAME, Optional.of("LeadSync test send"));
        values.put(LeadField.JOB_TITLE, Optional.of("Test"));
        values.put(LeadField.LEAD_SOURCE, Optional.of(workspace.productName()));
        values.keySet().retainAll(mappings.stream().map(FieldMapping::appField).toList());
        return new CrmRecord(SAMPLE, values);
    }

    private CrmConnection salesforce(WorkspaceId workspaceId, ConnectionId id) {
        return connections.find(workspaceId, id).filter(found -> found.kind() == CrmKind.SALESFORCE)
                .orElseThrow(() -> new ConnectionNotFoundException(id.value().toString()));
    }
}
