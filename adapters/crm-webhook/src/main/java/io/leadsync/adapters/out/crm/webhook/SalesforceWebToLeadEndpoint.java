package io.leadsync.adapters.out.crm.webhook;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.LeadEndpoint;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.EndpointSettings;
import io.leadsync.domain.crm.FieldMapping;
import jakarta.inject.Singleton;

import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A lead to Salesforce's Web-to-Lead servlet: {@code POST /servlet/servlet.WebToLead?encoding=UTF-8}, form-encoded,
 * {@code oid} the org id, the mapped fields under the form's names and {@code lead_source} when the admin set one.
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
        String base = http.settings().webToLeadUrl().toString().replaceAll("/+$", "");
        return http.sendToConfigured(new Http11Exchange.Request(URI.create(base + PATH + "?encoding=UTF-8"),
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"),
                EndpointBodyMapper.toForm(fields).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
