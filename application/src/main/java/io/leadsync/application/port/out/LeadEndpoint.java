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
     * @throws CrmUnavailableException     when the endpoint could not be reached or did not answer in time
     * @throws DestinationRefusedException when the URL leads to an address the outbound-address policy refuses
     */
    Answer send(EndpointSettings settings, List<FieldMapping> mappings, CrmRecord record, Instant now);

    /**
     * The endpoint's HTTP status and the start of its body: at most {@link #EXCERPT} characters, control characters
     * and runs of white space made single spaces. The excerpt lands in the error ledger and the audit, which admins
     * read: a foreign body is the receiver's to show, so only enough of it to recognise the error is kept.
     */
    record Answer(int status, String bodyExcerpt, boolean refusalMayPass) {
        public static final int EXCERPT = 200;

        public Answer {
            Objects.requireNonNull(bodyExcerpt, "bodyExcerpt");
            bodyExcerpt = sanitise(bodyExcerpt);
        }

        public Answer(int status, String bodyExcerpt) {
            this(status, bodyExcerpt, false);
        }

        /**
         * A refusal of the admin's own logic in the CRM (a Flow's or Apex class's error): it may pass once the admin
         * changes that logic or the org's data, and its status cannot tell (Salesforce answers 400 for all of them),
         * so it is tried again like a 5xx (ADR 0075).
         */
        public static Answer refusedByOrgLogic(int status, String bodyExcerpt) {
            return new Answer(status, bodyExcerpt, true);
        }

        /** Control characters, format characters and lone surrogates become spaces; at most {@link #EXCERPT}. */
        static String sanitise(String text) {
            StringBuilder clean = new StringBuilder(Math.min(text.length(), EXCERPT + 3));
            boolean space = false;
            for (int i = 0; i < text.length() && clean.length() < EXCERPT; i++) {
                char c = text.charAt(i);
                boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                int type = Character.getType(c);
                boolean drop = Character.isWhitespace(c) || type == Character.CONTROL || type == Character.FORMAT
                        || (Character.isSurrogate(c) && !pair) || c == '\ufffd';
                if (drop) {
                    space = clean.length() > 0;
                    continue;
                }
                if (space) {
                    clean.append(' ');
                    space = false;
                }
                clean.append(c);
                if (pair) {
                    clean.append(text.charAt(++i));
                }
            }
            String excerpt = clean.toString();
            return excerpt.length() >= EXCERPT && text.length() > EXCERPT ? excerpt + "..." : excerpt;
        }

        public boolean accepted() {
            return status >= 200 && status < 300;
        }

        /** 5xx, 408 and 429 may pass with time; any other 4xx (or a redirect) will not. */
        public boolean retryable() {
            return status >= 500 || status == 408 || status == 429 || (refusalMayPass && !accepted());
        }
    }
}
