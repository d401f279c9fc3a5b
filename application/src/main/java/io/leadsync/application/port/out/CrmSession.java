package io.leadsync.application.port.out;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.FieldMapping;

import java.util.List;
import java.util.Objects;

/**
 * What a CRM adapter needs for one connection's calls: where its org lives, its tokens, its field mapping, and whether
 * it may create records that do not exist yet beside the leads themselves (a HubSpot company for a new contact), and
 * whether new leads go through the CRM's own assignment rules (Salesforce) or stay with the connected user.
 * Where the tokens name their instance (Salesforce's latest {@code instance_url}), that is where the org lives: the
 * identity's instance is the one seen at connect, and Salesforce may have moved the org since.
 */
public record CrmSession(ConnectionId connectionId, CrmIdentity identity, CrmTokens tokens,
                         List<FieldMapping> mappings, boolean createsRecords, boolean assignNewLeadsByRules,
                         io.leadsync.domain.crm.TargetObject target, boolean createsAccounts) {
    public CrmSession {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(tokens, "tokens");
        mappings = List.copyOf(mappings);
        if (tokens.instanceUrl().isPresent() && !tokens.instanceUrl().equals(identity.instanceUrl())) {
            identity = new CrmIdentity(identity.userEmail(), identity.orgName(), identity.orgId(),
                    tokens.instanceUrl(), identity.userId());
        }
    }

    /** Assignment rules for new leads on: the default, as the seed product tells admins to route leads. */
    public CrmSession(ConnectionId connectionId, CrmIdentity identity, CrmTokens tokens, List<FieldMapping> mappings,
                      boolean createsRecords) {
        this(connectionId, identity, tokens, mappings, createsRecords, true);
    }

    public CrmSession(ConnectionId connectionId, CrmIdentity identity, CrmTokens tokens, List<FieldMapping> mappings) {
        this(connectionId, identity, tokens, mappings, true);
    }

    /** A Lead target, Accounts created when records are. */
    public CrmSession(ConnectionId connectionId, CrmIdentity identity, CrmTokens tokens, List<FieldMapping> mappings,
                      boolean createsRecords, boolean assignNewLeadsByRules) {
        this(connectionId, identity, tokens, mappings, createsRecords, assignNewLeadsByRules,
                io.leadsync.domain.crm.TargetObject.LEAD, createsRecords);
    }

    /** Assignment rules for new leads on, with a target object and its create switches. */
    public CrmSession(ConnectionId connectionId, CrmIdentity identity, CrmTokens tokens, List<FieldMapping> mappings,
                      boolean createsRecords, io.leadsync.domain.crm.TargetObject target, boolean createsAccounts) {
        this(connectionId, identity, tokens, mappings, createsRecords, true, target, createsAccounts);
    }

    /** The session of a connected connection: its org, mapping, target object and create switches. */
    public static CrmSession of(io.leadsync.domain.crm.CrmConnection connection, CrmTokens tokens) {
        return new CrmSession(connection.id(), connection.identity().orElseThrow(), tokens, connection.mappings(),
                connection.settings().createRecordsInCrm(), connection.salesforce().assignNewLeadsByRules(),
                connection.settings().targetObject(), connection.settings().createAccountsInCrm());
    }

    public CrmSession withTokens(CrmTokens refreshed) {
        return new CrmSession(connectionId, identity, refreshed, mappings, createsRecords, assignNewLeadsByRules,
                target, createsAccounts);
    }

    @Override
    public String toString() {
        return "CrmSession[" + connectionId + ", " + identity.orgName() + ", tokens ***]";
    }
}
