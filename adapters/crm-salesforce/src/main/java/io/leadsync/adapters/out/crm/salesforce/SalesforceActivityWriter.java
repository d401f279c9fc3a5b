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
            throw new CrmRejectedException("Salesforce refused the Task (" + response.status() + "): "
                    + SalesforceErrors.describe(response));
        }
        return response.body().get("id").getStringValue();
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
