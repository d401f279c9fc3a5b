package io.leadsync.adapters.out.crm.webhook;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.LeadEndpoint;
import io.leadsync.domain.crm.BodyFormat;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.EndpointSettings;
import io.leadsync.domain.crm.FieldMapping;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A lead to the customer's webhook: {@code POST} of the mapped fields as JSON or a form, with the bearer token and
 * custom headers the admin set, signed with {@link WebhookSignature}, and {@code X-LeadSync-Lead-Id} so a receiver
 * can recognise a lead sent again (after a timeout, say).
 */
@Singleton
final class HttpWebhookEndpoint implements LeadEndpoint {
    static final String LEAD_ID_HEADER = "X-LeadSync-Lead-Id";

    private final EndpointHttp http;

    HttpWebhookEndpoint(EndpointHttp http) {
        this.http = http;
    }

    @Override
    public CrmKind kind() {
        return CrmKind.WEBHOOK;
    }

    @Override
    public Answer send(EndpointSettings settings, List<FieldMapping> mappings, CrmRecord record, Instant now) {
        EndpointSettings.Webhook webhook = (EndpointSettings.Webhook) settings;
        boolean json = webhook.format() == BodyFormat.JSON;
        byte[] body = (json ? EndpointBodyMapper.toJson(mappings, record)
                : EndpointBodyMapper.toForm(EndpointBodyMapper.named(mappings, record)))
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", json ? "application/json; charset=utf-8"
                : "application/x-www-form-urlencoded; charset=utf-8");
        headers.put(LEAD_ID_HEADER, record.leadId().value());
        headers.put(WebhookSignature.HEADER, WebhookSignature.header(webhook.signingSecret(), now.getEpochSecond(),
                body));
        webhook.bearerToken().ifPresent(token -> headers.put("Authorization", "Bearer " + token));
        headers.putAll(webhook.headers());
        return http.sendToCustomer(new Http11Exchange.Request(webhook.url(), headers, body));
    }
}
