package io.leadsync.bootstrap;

import io.leadsync.application.port.in.connect.SalesforceEndpointsUseCase;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.EndpointSettingsStore;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.SalesforceOrgEndpoints;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.application.service.crmcall.CallBudget;
import io.leadsync.application.service.delivery.SalesforceEndpointDelivery;
import io.leadsync.application.service.connect.SalesforceEndpointsService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Deliveries to a Salesforce org's Flows and Apex REST resources (issue 18). The delivery strategy is a
 * {@link io.leadsync.application.port.out.LeadEndpoint}, so the endpoint deliveries pick it up with the webhook's
 * and Web-to-Lead's.
 */
@Factory
final class SalesforceEndpointFactory {
    @Singleton
    SalesforceEndpointDelivery salesforceEndpointDelivery(List<SalesforceOrgEndpoints> org,
                                                          CrmConnectionRepository connections, TokenVault vault,
                                                          List<CrmAuthorization> authorizations,
                                                          TransactionBoundary transactions, Clock clock,
                                                          CallBudget budget) {
        return new SalesforceEndpointDelivery(org.stream().findFirst(), connections, vault, authorizations,
                transactions, clock, budget);
    }

    @Singleton
    SalesforceEndpointsUseCase salesforceEndpoints(SalesforceEndpointDelivery delivery,
                                                   CrmConnectionRepository connections,
                                                   EndpointSettingsStore settings, LeadRepository leads,
                                                   WorkspaceRepository workspaces, AuditLog audit,
                                                   TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        return new SalesforceEndpointsService(delivery, connections, settings, leads, workspaces, audit,
                transactions, ids, clock);
    }
}
