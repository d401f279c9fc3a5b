package io.leadsync.bootstrap;

import io.leadsync.application.port.in.connect.CompleteConnectUseCase;
import io.leadsync.application.port.in.connect.ConnectionErrorsUseCase;
import io.leadsync.application.port.in.connect.CreateEndpointConnectionUseCase;
import io.leadsync.application.port.in.connect.DisconnectUseCase;
import io.leadsync.application.port.in.connect.GetConnectionBudgetUseCase;
import io.leadsync.application.port.in.connect.ListConnectionsUseCase;
import io.leadsync.application.port.in.connect.ProvisionConnectionUseCase;
import io.leadsync.application.port.in.connect.StartConnectUseCase;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.CrmProvisioner;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.EndpointSettingsStore;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.PendingConnectRepository;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.application.port.out.SecretGenerator;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.service.crmcall.CallBudget;
import io.leadsync.application.service.connect.CompleteConnectService;
import io.leadsync.application.service.connect.ConnectionErrorsService;
import io.leadsync.application.service.connect.CreateEndpointConnectionService;
import io.leadsync.application.service.connect.DisconnectService;
import io.leadsync.application.service.connect.GetConnectionBudgetService;
import io.leadsync.application.service.connect.ListConnectionsService;
import io.leadsync.application.service.connect.ProvisionConnectionService;
import io.leadsync.application.service.connect.StartConnectService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;

/** Connecting a CRM or an endpoint, provisioning it, its call budget, its errors, disconnecting (port.in.connect). */
@Factory
final class ConnectFactory {

    @Singleton
    GetConnectionBudgetUseCase connectionBudget(CallBudget budget, Clock clock) {
        return new GetConnectionBudgetService(budget, clock);
    }

    @Singleton
    StartConnectUseCase startConnect(List<CrmAuthorization> authorizations, CrmConnectionRepository connections,
                                     PendingConnectRepository pending, AuditLog audit, TransactionBoundary transactions,
                                     SecretGenerator secrets, IdGenerator ids, Clock clock,
                                     SalesforceConfiguration salesforce) {
        return new StartConnectService(authorizations, connections, pending, audit, transactions, secrets, ids, clock)
                .acceptingMyDomains(salesforce.acceptedMyDomains());
    }

    @Singleton
    CompleteConnectUseCase completeConnect(List<CrmAuthorization> authorizations, CrmConnectionRepository connections,
                                           PendingConnectRepository pending, TokenVault vault, AuditLog audit,
                                           TransactionBoundary transactions, IdGenerator ids, Clock clock,
                                           ProvisionConnectionUseCase provisioning, CrmLinkRepository links,
                                           PullSchedule pulls) {
        return new CompleteConnectService(authorizations, connections, pending, vault, audit, transactions, ids, clock,
                provisioning).forgettingOldOrgs(links, pulls);
    }

    @Singleton
    ProvisionConnectionUseCase provisionConnection(List<CrmAuthorization> authorizations,
                                                   List<CrmProvisioner> provisioners,
                                                   CrmConnectionRepository connections, TokenVault vault,
                                                   AuditLog audit, TransactionBoundary transactions, IdGenerator ids,
                                                   Clock clock, CallBudget budget) {
        return new ProvisionConnectionService(authorizations, provisioners, connections, vault, audit, transactions,
                ids, clock).withBudget(budget);
    }

    @Singleton
    ListConnectionsUseCase listConnections(CrmConnectionRepository connections) {
        return new ListConnectionsService(connections);
    }

    @Singleton
    DisconnectUseCase disconnect(List<CrmAuthorization> authorizations, CrmConnectionRepository connections,
                                 TokenVault vault, AuditLog audit, TransactionBoundary transactions, IdGenerator ids,
                                 Clock clock, CallBudget budget, EndpointSettingsStore endpoints,
                                 DeliveryQueue deliveries) {
        return new DisconnectService(authorizations, connections, vault, audit, transactions, ids, clock)
                .withBudget(budget).withEndpointSettings(endpoints).withDeliveries(deliveries);
    }

    @Singleton
    CreateEndpointConnectionUseCase createEndpointConnection(CrmConnectionRepository connections,
                                                             EndpointSettingsStore settings, AuditLog audit,
                                                             TransactionBoundary transactions,
                                                             SecretGenerator secrets, IdGenerator ids, Clock clock,
                                                             io.leadsync.application.port.out.HostResolver resolver,
                                                             io.leadsync.domain.outbound.OutboundPolicy outbound,
                                                             SalesforceConfiguration salesforce) {
        return new CreateEndpointConnectionService(connections, settings, audit, transactions, secrets, ids, clock,
                resolver, outbound).acceptingMyDomains(salesforce.acceptedMyDomains());
    }

    @Singleton
    ConnectionErrorsUseCase connectionErrors(CrmConnectionRepository connections, DeliveryQueue deliveries,
                                             AuditLog audit, TransactionBoundary transactions, IdGenerator ids,
                                             Clock clock) {
        return new ConnectionErrorsService(connections, deliveries, audit, transactions, ids, clock);
    }
}
