package io.leadsync.domain.crm;

import java.util.Objects;
import java.util.Optional;

/**
 * Who authorised a connection and which org or portal it reaches, as the admin UI shows it:
 * "Connected as admin@acme.example to Acme Corp". The user id is the CRM's own (Salesforce {@code 005...}): provisioning
 * grants that user access to the fields it creates.
 */
public record CrmIdentity(String userEmail, String orgName, String orgId, Optional<String> instanceUrl,
                          Optional<String> userId) {
    public CrmIdentity {
        Objects.requireNonNull(userEmail, "userEmail");
        Objects.requireNonNull(orgName, "orgName");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(instanceUrl, "instanceUrl");
        Objects.requireNonNull(userId, "userId");
    }

    /** An identity whose user id in the CRM is not known. */
    public CrmIdentity(String userEmail, String orgName, String orgId, Optional<String> instanceUrl) {
        this(userEmail, orgName, orgId, instanceUrl, Optional.empty());
    }
}
