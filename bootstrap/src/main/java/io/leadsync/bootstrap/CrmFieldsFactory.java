package io.leadsync.bootstrap;

import io.leadsync.application.port.in.configure.ListCrmFieldsUseCase;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmProvisioner;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.service.connect.CallBudget;
import io.leadsync.application.service.configure.CrmFieldsService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/** The CRM's own fields for the mapping editor (issue 16), read through each CRM's provisioner. */
@Factory
final class CrmFieldsFactory {
    @Singleton
    ListCrmFieldsUseCase crmFields(List<CrmAuthorization> authorizations, List<CrmProvisioner> provisioners,
                                   CrmConnectionRepository connections, TokenVault vault,
                                   TransactionBoundary transactions, Clock clock, CallBudget budget) {
        return new CrmFieldsService(authorizations, provisioners, connections, vault, transactions, clock, budget);
    }
}
