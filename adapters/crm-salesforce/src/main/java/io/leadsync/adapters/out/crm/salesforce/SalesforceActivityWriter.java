package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.CrmActivityWriter;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.lead.Activity;
import io.micronaut.context.annotation.Requires;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An activity as a completed Salesforce Task on the lead: {@code POST sobjects/Task} with {@code WhoId} the lead (or
 * contact), the subject, the body as {@code Description}, the day it happened as {@code ActivityDate}, and its kind as
 * {@code TaskSubtype} and {@code Type}, so it shows in the lead's activity history as an email, call or meeting.
 */
@Singleton
@Requires(beans = SalesforceSettings.class)
final class SalesforceActivityWriter implements CrmActivityWriter {
    private final SalesforceSettings settings;
    private final SalesforceHttp http;

    SalesforceActivityWriter(SalesforceSettings settings, SalesforceHttp http) {
        this.settings = settings;
        this.http = http;
    }

    @Override
    public CrmKind kind() {
        return CrmKind.SALESFORCE;
    }

    @Override
    public String write(CrmSession session, Activity activity, String leadRecordId) {
        URI uri = URI.create(session.identity().instanceUrl().orElseThrow() + "/services/data/"
                + settings.apiVersion() + "/sobjects/Task");
        SalesforceHttp.Response response = http.postJson(uri, session.tokens().accessToken(),
                json(toPayload(activity, leadRecordId)));
        if (response.status() == 401) {
            throw new AccessTokenRejectedException(SalesforceErrors.describe(response));
        }
        SalesforceErrors.throwIfLimited(response, "activity");
        if (response.status() >= 500) {
            throw new CrmUnavailableException("Salesforce answered " + response.status() + ": "
                    + SalesforceErrors.describe(response));
        }
        if (!response.ok() || response.body() == null || response.body().get("id") == null) {
            Optional<String> contact = response.status() == 400 && !SalesforceConvertedRecords.isContact(leadRecordId)
                    ? convertedContact(session, leadRecordId) : Optional.empty();
            if (contact.isPresent()) {
                // A Task cannot name a converted Lead: the lead lives on in its Contact, which takes the activity.
                return write(session, activity, contact.get());
            }
            throw new CrmRejectedException("Salesforce refused the Task (" + response.status() + "): "
                    + SalesforceErrors.describe(response));
        }
        return response.body().get("id").getStringValue();
    }

    /** The Contact a rep converted this Lead into, if the refusal was for that reason. */
    private Optional<String> convertedContact(CrmSession session, String leadRecordId) {
        if (!leadRecordId.matches("[A-Za-z0-9]{15,18}")) {
            return Optional.empty();
        }
        String soql = "SELECT Id, IsConverted, ConvertedContactId FROM Lead WHERE Id = '" + leadRecordId + "'";
        SalesforceHttp.Response found = http.get(URI.create(session.identity().instanceUrl().orElseThrow()
                + "/services/data/" + settings.apiVersion() + "/query?q=" + SalesforceHttp.encode(soql)),
                session.tokens().accessToken());
        if (!found.ok() || found.body() == null || found.body().get("records") == null
                || found.body().get("records").size() == 0) {
            return Optional.empty();
        }
        JsonNode row = found.body().get("records").get(0);
        JsonNode converted = row.get("IsConverted");
        return converted != null && converted.isBoolean() && converted.getBooleanValue()
                ? SalesforceAuthorization.text(row, "ConvertedContactId") : Optional.empty();
    }

    static Map<String, Object> toPayload(Activity activity, String leadRecordId) {
        Map<String, Object> task = new LinkedHashMap<>();
        task.put("WhoId", leadRecordId);
        task.put("Subject", activity.subject());
        activity.body().ifPresent(body -> task.put("Description", body));
        task.put("ActivityDate", activity.occurredAt().atOffset(ZoneOffset.UTC).toLocalDate().toString());
        task.put("Status", "Completed");
        task.put("Priority", "Normal");
        switch (activity.type()) {
            case EMAIL -> {
                task.put("TaskSubtype", "Email");
                task.put("Type", "Email");
            }
            case CALL -> {
                task.put("TaskSubtype", "Call");
                task.put("Type", "Call");
            }
            case MEETING -> {
                task.put("TaskSubtype", "Task");
                task.put("Type", "Meeting");
            }
        }
        return task;
    }

    private static String json(Object value) {
        try {
            return ObjectMapper.getDefault().writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
