package io.leadsync.adapters.out.crm.webhook;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.LeadEndpoint;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.EndpointSettings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.LoginHost;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lead to Salesforce's Web-to-Lead servlet: {@code POST /servlet/servlet.WebToLead?encoding=UTF-8}, form-encoded,
 * {@code oid} the org id, the mapped fields under the form's names and {@code lead_source} when the admin set one;
 * at the org's own host, as the form Salesforce generates for it says: a production org's servlet host, a sandbox
 * org's, or its My Domain (a post to another org's host creates nothing, with the same 200).
 * The servlet answers 200 whatever becomes of the lead, so a 200 is all that can be known; the 500-a-day limit is
 * kept by the caller before the post.
 */
@Singleton
final class SalesforceWebToLeadEndpoint implements LeadEndpoint {
    static final String PATH = "/servlet/servlet.WebToLead";

    private final EndpointHttp http;

    SalesforceWebToLeadEndpoint(EndpointHttp http) {
        this.http = http;
    }

    @Override
    public CrmKind kind() {
        return CrmKind.SALESFORCE_WEB_TO_LEAD;
    }

    @Override
    public Answer send(EndpointSettings settings, List<FieldMapping> mappings, CrmRecord record, Instant now) {
        EndpointSettings.WebToLead form = (EndpointSettings.WebToLead) settings;
        Map<String, Optional<String>> fields = new LinkedHashMap<>();
        fields.put("oid", Optional.of(form.orgId()));
        fields.putAll(EndpointBodyMapper.named(mappings, record));
        form.leadSource().ifPresent(source -> fields.put("lead_source", Optional.of(source)));
        URI host = switch (form.host().kind()) {
            case PRODUCTION -> http.settings().webToLeadUrl();
            case SANDBOX -> http.settings().sandboxWebToLeadUrl();
            case MY_DOMAIN -> form.host().myDomain().orElseThrow();
        };
        String base = host.toString().replaceAll("/+$", "");
        Http11Exchange.Request request = new Http11Exchange.Request(URI.create(base + PATH + "?encoding=UTF-8"),
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                EndpointBodyMapper.toForm(fields).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        // A My Domain is the admin's to type: its addresses must pass the outbound policy like any customer URL,
        // unless the operator listed it.
        boolean typed = form.host().kind() == LoginHost.Kind.MY_DOMAIN
                && !http.settings().trustedMyDomains().contains(base);
        return typed ? http.sendToCustomer(request) : http.sendToConfigured(request);
    }
}
