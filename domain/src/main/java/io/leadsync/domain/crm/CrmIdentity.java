package io.leadsync.domain.crm;

import java.util.Objects;
import java.util.Optional;

/**
 * Who authorised a connection and which org or portal it reaches, as the admin UI shows it:
 * "Connected as admin@acme.example to Acme Corp".
 */
public record CrmIdentity(String userEmail, String orgName, String orgId, Optional<String> instanceUrl) {
    public CrmIdentity {
        Objects.requireNonNull(userEmail, "userEmail");
        Objects.requireNonNull(orgName, "orgName");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(instanceUrl, "instanceUrl");
    }
}
