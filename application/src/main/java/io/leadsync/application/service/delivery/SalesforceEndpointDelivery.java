package io.leadsync.application.service.delivery;

import io.leadsync.application.service.crmcall.BudgetSpentException;
import io.leadsync.application.service.crmcall.CallBudget;
import io.leadsync.application.service.crmcall.ConnectionCalls;
import io.leadsync.application.service.crmcall.CrmAuthorizations;
import io.leadsync.application.service.crmcall.TokenRefresher;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.DestinationRefusedException;
import io.leadsync.application.port.out.LeadEndpoint;
import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.application.port.out.SalesforceOrgEndpoints;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.EndpointSettings;
import io.leadsync.domain.crm.FieldMapping;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The delivery strategy of Salesforce endpoints (issue 18, ADR 0075): one lead per request to a Flow or Apex REST
 * resource, from the same queue and with the same retries as webhooks ({@link EndpointDeliveries}), but with the
 * OAuth session of the Salesforce connection the delivery names. That connection's tokens are refreshed as for every
 * Salesforce call (after a 401, one refresh at a time across nodes) and every post takes one call from its API
 * budget, so a delivery can never spend more of the org's allocation than the connection may.
 */
public final class SalesforceEndpointDelivery implements LeadEndpoint {
    private final java.util.Optional<SalesforceOrgEndpoints> orgEndpoints;
    private final CrmConnectionRepository connections;
    private final TokenVault vault;
    private final CrmAuthorizations authorizations;
    private final TokenRefresher refresher;
    private final Clock clock;
    private final CallBudget budget;

    /** {@code org} empty: the installation has no Salesforce connected app, so no delivery can be made. */
    public SalesforceEndpointDelivery(java.util.Optional<SalesforceOrgEndpoints> org,
                                      CrmConnectionRepository connections,
                                      TokenVault vault, List<CrmAuthorization> authorizations,
                                      TransactionBoundary transactions, Clock clock, CallBudget budget) {
        this.orgEndpoints = org;
        this.connections = connections;
        this.vault = vault;
        this.authorizations = new CrmAuthorizations(authorizations);
        this.refresher = new TokenRefresher(vault, transactions, clock);
        this.clock = clock;
        this.budget = budget;
    }

    @Override
    public CrmKind kind() {
        return CrmKind.SALESFORCE_ENDPOINT;
    }

    /**
     * @throws DestinationRefusedException when the Salesforce connection is gone: no retry can deliver
     * @throws io.leadsync.application.port.out.CrmRateLimitedException when an org limit or the connection's budget
     *                                     is spent: the lead waits without spending an attempt
     * @throws CrmUnavailableException     when Salesforce cannot be reached or the connection needs reconnecting:
     *                                     retried, then failed with the reason
     */
    @Override
    public Answer send(EndpointSettings settings, List<FieldMapping> mappings, CrmRecord record, Instant now) {
        EndpointSettings.SalesforceEndpoint endpoint = (EndpointSettings.SalesforceEndpoint) settings;
        ConnectionCalls calls = calls(endpoint);
        try {
            return calls.read(session -> org().post(session, endpoint, mappings, record), answer -> 1);
        } catch (ReauthorizationRequiredException e) {
            throw new CrmUnavailableException("Salesforce refused the connection's refresh token: reconnect the "
                    + "Salesforce connection (" + e.getMessage() + ")", e);
        } catch (BudgetSpentException e) {
            // Waits for the next day's allocation without spending the lead's attempts.
            throw new io.leadsync.application.port.out.CrmRateLimitedException("the Salesforce connection's API "
                    + "budget for the day is spent (" + e.used() + " of " + e.allocation() + " calls); it resumes at "
                    + e.resumesAt(), Optional.of(java.time.Duration.between(clock.instant(), e.resumesAt())), true);
        }
    }

    /** The org's Flows and Apex REST resources, listed with the connection's session. */
    public SalesforceOrgEndpoints.Listing list(CrmConnection salesforce) {
        return calls(salesforce).read(session -> org().list(session), SalesforceOrgEndpoints.Listing::calls);
    }

    private ConnectionCalls calls(EndpointSettings.SalesforceEndpoint endpoint) {
        CrmConnection salesforce = connections.find(endpoint.workspaceId(), endpoint.salesforceConnection())
                .filter(connection -> connection.kind() == CrmKind.SALESFORCE)
                .orElseThrow(() -> new DestinationRefusedException("the Salesforce connection this delivery uses "
                        + "was removed"));
        return calls(salesforce);
    }

    private SalesforceOrgEndpoints org() {
        return orgEndpoints.orElseThrow(() -> new CrmUnavailableException("this installation has no Salesforce "
                + "connected app configured"));
    }

    private ConnectionCalls calls(CrmConnection salesforce) {
        Optional<CrmTokens> tokens = vault.find(salesforce.workspaceId(), salesforce.id());
        if (tokens.isEmpty() || salesforce.identity().isEmpty()) {
            throw new CrmUnavailableException("the Salesforce connection is not connected (" + salesforce.state()
                    + "): reconnect it");
        }
        return new ConnectionCalls(salesforce.workspaceId(), CrmSession.of(salesforce, tokens.get()), refresher,
                authorizations.of(CrmKind.SALESFORCE), clock, budget);
    }
}
