package io.leadsync.application.port.in.connect;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.CrmCallFailedException;
import io.leadsync.application.port.in.LeadNotFoundException;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.configure.MappingInput;
import io.leadsync.application.port.in.delivery.ConnectionNotSyncingException;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Deliveries to a Salesforce org's own endpoints (issue 18): the admin lists the Flows and Apex REST resources the
 * org of a Salesforce connection offers, creates a delivery to one of them (a push-only connection that uses that
 * connection's OAuth tokens), and test-sends a lead to it.
 */
public interface SalesforceEndpointsUseCase {

    /** One endpoint to choose: {@code type} FLOW or APEX_REST, the name LeadSync posts to, and a label. */
    record Choice(String type, String name, String label) {
        public Choice {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(label, "label");
        }
    }

    /** What the org offers, with notes on what it could not list. */
    record Choices(List<Choice> endpoints, List<String> notes) {
        public Choices {
            endpoints = List.copyOf(endpoints);
            notes = List.copyOf(notes);
        }
    }

    /** What the endpoint answered a test send: its status, its answer (excerpt) and whether it took the lead. */
    record TestSend(int status, String answer, boolean accepted) {
        public TestSend {
            Objects.requireNonNull(answer, "answer");
        }
    }

    /**
     * @throws ConnectionNotFoundException   when the workspace has no Salesforce connection with that id
     * @throws ConnectionNotSyncingException when the connection is not CONNECTED
     * @throws CrmCallFailedException        when Salesforce failed or refused the listing
     */
    Choices list(WorkspaceId workspaceId, ConnectionId salesforceConnection);

    /**
     * Creates the delivery, CONNECTED at once; {@code mappings} empty: the standard Lead fields under their API names.
     *
     * @throws ConnectionNotFoundException when the workspace has no Salesforce connection with that id
     * @throws InvalidSettingsException    naming every bad member; nothing is written
     */
    CrmConnection create(WorkspaceId workspaceId, ConnectionId salesforceConnection, String actor,
                         Optional<String> type, Optional<String> name, Optional<List<MappingInput>> mappings);

    /**
     * Sends a sample lead (or {@code leadId}, one of the workspace's leads) to the delivery's endpoint now, outside
     * the queue, and answers what Salesforce said; recorded in the audit log.
     *
     * @throws ConnectionNotFoundException when the workspace has no such Salesforce endpoint delivery
     * @throws LeadNotFoundException       when {@code leadId} names no lead of the workspace
     * @throws CrmCallFailedException      when Salesforce could not be reached
     */
    TestSend testSend(WorkspaceId workspaceId, ConnectionId delivery, String actor, Optional<String> leadId);
}
