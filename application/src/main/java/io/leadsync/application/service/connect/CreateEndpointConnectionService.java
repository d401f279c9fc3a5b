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
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.LoginHost;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.crm.TargetObject;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.outbound.OutboundPolicy;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Checks an admin's webhook or Web-to-Lead settings member by member, stores the secrets encrypted and the connection
 * CONNECTED, pushing in real time unless the admin chose a cycle. Nothing is written when any member is bad.
 */
public final class CreateEndpointConnectionService implements CreateEndpointConnectionUseCase {
    static final int MIN_SIGNING_SECRET = 24;
    static final int MAX_HEADERS = 20;
    static final int MAX_HEADER_VALUE = 4_000;
    /** RFC 9110 token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
    /** Headers LeadSync sets itself, or the HTTP client owns: a custom one would forge or break them. */
    private static final Set<String> RESERVED_HEADERS = Set.of("authorization", "content-type", "content-length",
            "host", "connection", "transfer-encoding", "expect", "upgrade", "x-leadsync-signature");
    /** A Salesforce org id: {@code 00D} and 12 more characters, or the 18-character form. */
    private static final Pattern ORG_ID = Pattern.compile("00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?");

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
        List<Violation> violations = new ArrayList<>();
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
            violations.addAll(e.violations());
        }
        if (command.kind() == CrmKind.SALESFORCE_WEB_TO_LEAD && command.mappings().isPresent()) {
            List<String> names = mappings.stream().map(FieldMapping::crmField).toList();
            for (String required : io.leadsync.domain.crm.WebToLeadLimits.REQUIRED) {
                if (violations.stream().noneMatch(v -> v.path().startsWith("mappings/")) && !names.contains(required)) {
                    violations.add(new Violation("mappings", "must map a field to " + required
                            + ": Salesforce Web-to-Lead creates no lead without it"));
                }
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidSettingsException("The connection has invalid settings; nothing was created.", violations);
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
                                                     List<Violation> violations) {
        if (command.frequency().isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(SyncFrequency.valueOf(command.frequency().get()));
        } catch (IllegalArgumentException e) {
            violations.add(new Violation("frequency", "must be one of " + Arrays.toString(SyncFrequency.values())));
            return Optional.empty();
        }
    }

    /**
     * The webhook's host must lead to addresses LeadSync may send to (checked again before every send, since DNS
     * answers change): refusing it now tells the admin at once rather than through failed deliveries.
     */
    private void reachable(URI url, List<Violation> violations) {
        OutboundPolicy.Destination destination = outbound.destination(url.getHost(), resolver::addresses);
        if (destination instanceof OutboundPolicy.Destination.Refused refused) {
            violations.add(new Violation("url", "must lead to a public internet address: " + refused.reason()));
        } else if (destination instanceof OutboundPolicy.Destination.Unknown unknown) {
            violations.add(new Violation("url", "the host " + unknown.host() + " has no address in DNS"));
        }
    }

    private Optional<EndpointSettings.Webhook> webhook(CreateEndpointConnectionCommand command,
                                                       List<Violation> violations) {
        int before = violations.size();
        notFor(command.orgId(), "orgId", violations);
        notFor(command.leadSource(), "leadSource", violations);
        notFor(command.loginHost(), "loginHost", violations);
        notFor(command.myDomainUrl(), "myDomainUrl", violations);
        Optional<URI> url = url(command.url(), violations);
        url.ifPresent(valid -> reachable(valid, violations));
        BodyFormat format = BodyFormat.JSON;
        if (command.bodyFormat().isPresent()) {
            try {
                format = BodyFormat.valueOf(command.bodyFormat().get());
            } catch (IllegalArgumentException e) {
                violations.add(new Violation("bodyFormat", "must be one of " + Arrays.toString(BodyFormat.values())));
            }
        }
        command.bearerToken().ifPresent(token -> {
            if (token.isBlank() || !printable(token) || token.length() > MAX_HEADER_VALUE) {
                violations.add(new Violation("bearerToken", "must be 1 to " + MAX_HEADER_VALUE
                        + " printable characters without spaces at the ends or line breaks"));
            }
        });
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (command.headers().size() > MAX_HEADERS) {
            violations.add(new Violation("headers", "may hold at most " + MAX_HEADERS + " headers"));
        }
        command.headers().forEach((name, value) -> {
            String at = "headers/" + name;
            if (!HEADER_NAME.matcher(name).matches()) {
                violations.add(new Violation(at, "must be an HTTP header name: 1 to 100 letters, digits or !#$%&'*+.^_`|~-"));
            } else if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                violations.add(new Violation(at, "is set by LeadSync itself (" + name + "); use bearerToken for "
                        + "Authorization: Bearer"));
            } else if (value == null || value.isEmpty() || !printable(value) || value.length() > MAX_HEADER_VALUE) {
                violations.add(new Violation(at, "must be a value of 1 to " + MAX_HEADER_VALUE
                        + " printable characters without line breaks"));
            } else if (headers.put(name, value) != null) {
                violations.add(new Violation(at, "is given twice (header names ignore case)"));
            }
        });
        Optional<String> secret = command.signingSecret();
        if (secret.isPresent() && (secret.get().length() < MIN_SIGNING_SECRET || !printable(secret.get()))) {
            violations.add(new Violation("signingSecret", "must be at least " + MIN_SIGNING_SECRET
                    + " printable characters (leave it out and LeadSync makes one)"));
        }
        if (violations.size() != before || url.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new EndpointSettings.Webhook(url.get(), format, command.bearerToken(), headers,
                secret.orElseGet(secrets::newSecret)));
    }

    private Optional<EndpointSettings.WebToLead> webToLead(CreateEndpointConnectionCommand command,
                                                           List<Violation> violations) {
        int before = violations.size();
        notFor(command.url(), "url", violations);
        notFor(command.bodyFormat(), "bodyFormat", violations);
        notFor(command.bearerToken(), "bearerToken", violations);
        notFor(command.signingSecret(), "signingSecret", violations);
        if (!command.headers().isEmpty()) {
            violations.add(new Violation("headers", "is only for WEBHOOK connections"));
        }
        if (command.orgId().isEmpty()) {
            violations.add(new Violation("orgId", "is required: the Salesforce org id (Setup > Company Information, "
                    + "00D followed by 12 or 15 letters and digits)"));
        } else if (!ORG_ID.matcher(command.orgId().get()).matches()) {
            violations.add(new Violation("orgId", "must be a Salesforce org id: 00D followed by 12 or 15 letters "
                    + "and digits"));
        }
        command.leadSource().ifPresent(source -> {
            if (source.isBlank() || source.length() > LeadField.LEAD_SOURCE.maxLength() || !printable(source)) {
                violations.add(new Violation("leadSource", "must be 1 to " + LeadField.LEAD_SOURCE.maxLength()
                        + " printable characters"));
            }
        });
        Optional<LoginHost> host = formHost(command, violations);
        if (violations.size() != before) {
            return Optional.empty();
        }
        return Optional.of(new EndpointSettings.WebToLead(command.orgId().get(), command.leadSource(),
                host.orElseThrow()));
    }

    /**
     * Where the org's form posts, as Salesforce's generated form says: a production org's host (the default), a
     * sandbox org's, or the org's My Domain.
     */
    private Optional<LoginHost> formHost(CreateEndpointConnectionCommand command, List<Violation> violations) {
        String kind = command.loginHost().orElse(command.myDomainUrl().isPresent() ? "MY_DOMAIN" : "PRODUCTION")
                .strip().toUpperCase(Locale.ROOT);
        switch (kind) {
            case "PRODUCTION", "SANDBOX" -> {
                if (command.myDomainUrl().isPresent()) {
                    violations.add(new Violation("myDomainUrl", "goes with loginHost MY_DOMAIN only"));
                    return Optional.empty();
                }
                return Optional.of(kind.equals("SANDBOX") ? LoginHost.sandbox() : LoginHost.production());
            }
            case "MY_DOMAIN" -> {
                try {
                    return Optional.of(LoginHost.myDomain(command.myDomainUrl().orElse(""), acceptedMyDomains));
                } catch (IllegalArgumentException e) {
                    violations.add(new Violation("myDomainUrl", e.getMessage()));
                    return Optional.empty();
                }
            }
            default -> {
                violations.add(new Violation("loginHost", "must be PRODUCTION, SANDBOX or MY_DOMAIN: where the org's "
                        + "Web-to-Lead form posts (a sandbox org's form posts to test.salesforce.com)"));
                return Optional.empty();
            }
        }
    }

    private Optional<URI> url(Optional<String> raw, List<Violation> violations) {
        if (raw.isEmpty() || raw.get().isBlank()) {
            violations.add(new Violation("url", "is required: the https:// address that receives each lead"));
            return Optional.empty();
        }
        try {
            URI url = new URI(raw.get());
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && url.getHost() != null
                    && url.getRawUserInfo() == null && url.getRawFragment() == null && raw.get().length() <= 2_000) {
                return Optional.of(url);
            }
            if (url.getHost() == null && url.getRawAuthority() != null) {
                // java.net.URI takes "127.1" or "0x7f.1" for no host at all; other clients take them for addresses.
                String authority = url.getRawAuthority();
                String host = authority.substring(authority.indexOf('@') + 1).replaceFirst(":\\d*$", "");
                if (outbound.destination(host, name -> List.of()) instanceof OutboundPolicy.Destination.Refused no) {
                    violations.add(new Violation("url", "must lead to a public internet address: " + no.reason()));
                    return Optional.empty();
                }
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        violations.add(new Violation("url", "must be an absolute http:// or https:// URL with a host, no user "
                + "name or fragment, at most 2000 characters"));
        return Optional.empty();
    }

    private static void notFor(Optional<String> value, String name, List<Violation> violations) {
        if (value.isPresent()) {
            violations.add(new Violation(name, "does not apply to this kind of connection"));
        }
    }

    private static boolean printable(String value) {
        return value.strip().equals(value) && value.chars().noneMatch(c -> c < 0x20 || c == 0x7f);
    }
}
