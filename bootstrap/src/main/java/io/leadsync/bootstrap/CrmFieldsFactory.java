package io.leadsync.bootstrap;

import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmProvisioner;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.service.crmcall.CallBudget;
import io.leadsync.application.service.configure.CrmFieldsService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;

/**
 * The CRM's own fields for the mapping editor (issue 16) and the target objects it offers (issue 18), read through
 * each CRM's provisioner: one bean, both use cases.
 */
@Factory
final class CrmFieldsFactory {
    @Singleton
    CrmFieldsService crmFields(List<CrmAuthorization> authorizations, List<CrmProvisioner> provisioners,
                               CrmConnectionRepository connections, TokenVault vault,
                               TransactionBoundary transactions, Clock clock, CallBudget budget) {
        return new CrmFieldsService(authorizations, provisioners, connections, vault, transactions, clock, budget);
    }
}
