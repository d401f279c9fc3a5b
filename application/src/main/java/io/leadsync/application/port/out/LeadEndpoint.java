package io.leadsync.application.port.out;

import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.EndpointSettings;
import io.leadsync.domain.crm.FieldMapping;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Sends one lead to a push-only endpoint (a webhook, Salesforce Web-to-Lead) in one HTTP request. It answers what the
 * endpoint said; deciding whether to try again is the caller's.
 */
public interface LeadEndpoint {
    CrmKind kind();

    /**
     * Sends {@code record}'s values under the names {@code mappings} give them.
     *
     * @param now when the request is made: webhook signatures carry it so receivers can refuse replays
     * @throws CrmUnavailableException when the endpoint could not be reached or did not answer in time
     */
    Answer send(EndpointSettings settings, List<FieldMapping> mappings, CrmRecord record, Instant now);

    /** The endpoint's HTTP status and the start of its body (at most {@link #EXCERPT} characters). */
    record Answer(int status, String bodyExcerpt) {
        public static final int EXCERPT = 500;

        public Answer {
            Objects.requireNonNull(bodyExcerpt, "bodyExcerpt");
            if (bodyExcerpt.length() > EXCERPT) {
                bodyExcerpt = bodyExcerpt.substring(0, EXCERPT) + "...";
            }
        }

        public boolean accepted() {
            return status >= 200 && status < 300;
        }

        /** 5xx, 408 and 429 may pass with time; any other 4xx (or a redirect) will not. */
        public boolean retryable() {
            return status >= 500 || status == 408 || status == 429;
        }
    }
}
