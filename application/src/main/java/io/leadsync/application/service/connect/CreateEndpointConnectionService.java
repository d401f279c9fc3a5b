package io.leadsync.application.service.connect;

import io.leadsync.application.service.configure.MappingRules;
import io.leadsync.application.port.in.connect.CreateEndpointConnectionCommand;
import io.leadsync.application.port.in.connect.CreateEndpointConnectionUseCase;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.configure.InvalidSettingsException.Violation;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.EndpointSettingsStore;
import io.leadsync.application.port.out.HostResolver;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.SecretGenerator;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.BodyFormat;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.EndpointSettings;
import io.leadsync.domain.crm.EndpointSettingsRules;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.LoginHost;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.crm.TargetObject;
import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.outbound.OutboundPolicy;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an admin's webhook or Web-to-Lead settings member by member, stores the secrets encrypted and the connection
 * CONNECTED, pushing in real time unless the admin chose a cycle. Nothing is written when any member is bad.
 */
public final class CreateEndpointConnectionService implements CreateEndpointConnectionUseCase {
    private final CrmConnectionRepository connections;
    private final EndpointSettingsStore settings;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final SecretGenerator secrets;
    private final IdGenerator ids;
    private final Clock clock;
    private final HostResolver resolver;
    private final OutboundPolicy outbound;
    private Set<String> acceptedMyDomains = Set.of();

    public CreateEndpointConnectionService(CrmConnectionRepository connections, EndpointSettingsStore settings,
                                           AuditLog audit, TransactionBoundary transactions, SecretGenerator secrets,
                                           IdGenerator ids, Clock clock, HostResolver resolver,
                                           OutboundPolicy outbound) {
        this.resolver = resolver;
        this.outbound = outbound;
        this.connections = connections;
        this.settings = settings;
        this.audit = audit;
        this.transactions = transactions;
        this.secrets = secrets;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Origins accepted as a Web-to-Lead form's My Domain besides {@code https://*.my.salesforce.com} (the installation's
     * {@code leadsync.salesforce.my-domains}: demo mode's sandbox, a government cloud's domain).
     */
    public CreateEndpointConnectionService acceptingMyDomains(Set<String> origins) {
        this.acceptedMyDomains = Set.copyOf(origins);
        return this;
    }

    @Override
    public Created create(CreateEndpointConnectionCommand command) {
        List<FieldViolation> violations = new ArrayList<>();
        Optional<SyncFrequency> frequency = frequency(command, violations);
        Optional<? extends EndpointSettings> endpoint = switch (command.kind()) {
            case WEBHOOK -> webhook(command, violations);
            case SALESFORCE_WEB_TO_LEAD -> webToLead(command, violations);
            default -> throw new IllegalArgumentException(command.kind() + " is connected through OAuth");
        };
        Instant now = clock.instant();
        SyncSettings syncSettings = new SyncSettings(frequency.orElse(SyncFrequency.REALTIME), SyncDirection.PUSH,
                ConflictPolicy.CRM_WINS, true, false, TargetObject.LEAD);
        CrmConnection connection = CrmConnection.start(new ConnectionId(ids.newId()), command.workspaceId(),
                command.kind(), syncSettings, List.of(), now);
        List<FieldMapping> mappings = List.of();
        try {
            mappings = command.mappings().map(inputs -> MappingRules.check(connection, inputs))
                    .orElseGet(() -> command.kind() == CrmKind.WEBHOOK ? DefaultMappings.webhook()
                            : DefaultMappings.webToLead());
        } catch (InvalidSettingsException e) {
            e.violations().forEach(v -> violations.add(new FieldViolation(v.path(), v.rule())));
        }
        if (command.kind() == CrmKind.SALESFORCE_WEB_TO_LEAD && command.mappings().isPresent()) {
            List<String> names = mappings.stream().map(FieldMapping::crmField).toList();
            for (String required : io.leadsync.domain.crm.WebToLeadLimits.REQUIRED) {
                if (violations.stream().noneMatch(v -> v.field().startsWith("mappings/")) && !names.contains(required)) {
                    violations.add(new FieldViolation("mappings", "must map a field to " + required
                            + ": Salesforce Web-to-Lead creates no lead without it"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidSettingsException("The connection has invalid settings; nothing was created.",
                    violations.stream().map(v -> new Violation(v.field(), v.rule())).toList());
        }
        EndpointSettings valid = endpoint.orElseThrow();
        connection.changeSettings(syncSettings, mappings, now);
        connection.authorised(identity(command, valid), now);
        connection.verified(now);
        transactions.inTransaction(() -> {
            connections.insert(connection);
            settings.save(command.workspaceId(), connection.id(), valid);
            audit.record(new AuditEntry(ids.newId(), command.workspaceId(), now, command.actor(), "connection.created",
                    Optional.empty(), Optional.of(connection.id().value()), command.kind() + " connection to "
                    + connection.identity().orElseThrow().orgName() + " created"));
            return null;
        });
        return new Created(connection, valid instanceof EndpointSettings.Webhook webhook
                ? Optional.of(webhook.signingSecret()) : Optional.empty());
    }

    /** What the connection list shows: the receiving host, or the org's Web-to-Lead form. */
    private static CrmIdentity identity(CreateEndpointConnectionCommand command, EndpointSettings endpoint) {
        if (endpoint instanceof EndpointSettings.Webhook webhook) {
            // The origin only: the rest of a hook's URL may hold its key, which is kept encrypted with the secrets.
            String origin = webhook.url().getScheme() + "://" + webhook.url().getRawAuthority();
            return new CrmIdentity(command.actor(), "Webhook " + webhook.url().getHost(), webhook.url().getHost(),
                    Optional.of(origin));
        }
        EndpointSettings.WebToLead form = (EndpointSettings.WebToLead) endpoint;
        // Which org's form, and for a sandbox org or a My Domain where it posts, so the admin can tell them apart.
        String where = switch (form.host().kind()) {
            case PRODUCTION -> "";
            case SANDBOX -> " (sandbox org)";
            case MY_DOMAIN -> " at " + form.host().myDomain().orElseThrow();
        };
        return new CrmIdentity(command.actor(), "Salesforce Web-to-Lead " + form.orgId() + where, form.orgId(),
                form.host().myDomain().map(URI::toString));
    }

    private static Optional<SyncFrequency> frequency(CreateEndpointConnectionCommand command,
                                                     List<FieldViolation> violations) {
        if (command.frequency().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SyncFrequency.valueOf(command.frequency().get()));
        } catch (IllegalArgumentException e) {
            violations.add(new FieldViolation("frequency", "must be one of " + Arrays.toString(SyncFrequency.values())));
            return Optional.empty();
        }
    }

    /**
     * The webhook's host must lead to addresses LeadSync may send to (checked again before every send, since DNS
     * answers change): refusing it now tells the admin at once rather than through failed deliveries.
     */
    private void reachable(URI url, List<FieldViolation> violations) {
        OutboundPolicy.Destination destination = outbound.destination(url.getHost(), resolver::addresses);
        if (destination instanceof OutboundPolicy.Destination.Refused refused) {
            violations.add(new FieldViolation("url", "must lead to a public internet address: " + refused.reason()));
        } else if (destination instanceof OutboundPolicy.Destination.Unknown unknown) {
            violations.add(new FieldViolation("url", "the host " + unknown.host() + " has no address in DNS"));
        }
    }

    private Optional<EndpointSettings.Webhook> webhook(CreateEndpointConnectionCommand command,
                                                       List<FieldViolation> violations) {
        int before = violations.size();
        EndpointSettingsRules.notFor(command.orgId(), "orgId", violations);
        EndpointSettingsRules.notFor(command.leadSource(), "leadSource", violations);
        EndpointSettingsRules.notFor(command.loginHost(), "loginHost", violations);
        EndpointSettingsRules.notFor(command.myDomainUrl(), "myDomainUrl", violations);
        Optional<URI> url = EndpointSettingsRules.webhookUrl(command.url(), outbound, violations);
        url.ifPresent(valid -> reachable(valid, violations));
        BodyFormat format = EndpointSettingsRules.bodyFormat(command.bodyFormat(), violations);
        EndpointSettingsRules.bearerToken(command.bearerToken(), violations);
        Map<String, String> headers = EndpointSettingsRules.headers(command.headers(), violations);
        Optional<String> secret = command.signingSecret();
        EndpointSettingsRules.signingSecret(secret, violations);
        if (violations.size() != before || url.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EndpointSettings.Webhook(url.get(), format, command.bearerToken(), headers,
                secret.orElseGet(secrets::newSecret)));
    }

    private Optional<EndpointSettings.WebToLead> webToLead(CreateEndpointConnectionCommand command,
                                                           List<FieldViolation> violations) {
        int before = violations.size();
        EndpointSettingsRules.notFor(command.url(), "url", violations);
        EndpointSettingsRules.notFor(command.bodyFormat(), "bodyFormat", violations);
        EndpointSettingsRules.notFor(command.bearerToken(), "bearerToken", violations);
        EndpointSettingsRules.notFor(command.signingSecret(), "signingSecret", violations);
        if (!command.headers().isEmpty()) {
            violations.add(new FieldViolation("headers", "is only for WEBHOOK connections"));
        }
        EndpointSettingsRules.orgId(command.orgId(), violations);
        EndpointSettingsRules.leadSource(command.leadSource(), violations);
        Optional<LoginHost> host = EndpointSettingsRules.formHost(command.loginHost(), command.myDomainUrl(),
                acceptedMyDomains, violations);
        if (violations.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new EndpointSettings.WebToLead(command.orgId().get(), command.leadSource(),
                host.orElseThrow()));
    }
}
