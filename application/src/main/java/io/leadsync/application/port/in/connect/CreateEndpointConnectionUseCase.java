package io.leadsync.application.port.in.connect;

import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.domain.crm.CrmConnection;

import java.util.Optional;

/**
 * Creates a push-only connection (a webhook or Salesforce Web-to-Lead): checked, its secrets stored encrypted, and
 * CONNECTED at once, since there is nothing to authorise or provision.
 */
public interface CreateEndpointConnectionUseCase {
    /**
     * @throws InvalidSettingsException naming every bad member; nothing is written
     */
    Created create(CreateEndpointConnectionCommand command);

    /**
     * The new connection, and for a webhook the secret its signatures are made with: the admin gives it to the
     * receiver. It is shown this once; LeadSync keeps it encrypted.
     */
    record Created(CrmConnection connection, Optional<String> signingSecret) {
        @Override
        public String toString() {
            return "Created[" + connection.id() + ", signing secret ***]";
        }
    }
}
