package io.leadsync.domain.lead;

import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Something an agent did with a lead (an outreach email, a call, a meeting), logged once and delivered to each CRM the
 * lead lives in: a Salesforce Task on the lead, a HubSpot note on the contact. Checked when made, like a lead's fields.
 */
public record Activity(UUID id, WorkspaceId workspaceId, LeadId leadId, ActivityType type, String subject,
                       Optional<String> body, Instant occurredAt, Instant loggedAt, String loggedBy) {
    /** Salesforce's Task.Subject. */
    public static final int MAX_SUBJECT = 255;
    /** Salesforce's Task.Description; HubSpot's note body is longer. */
    public static final int MAX_BODY = 32_000;
    /** An activity is in the past: a little ahead is tolerated for clocks that disagree. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    public Activity {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(leadId, "leadId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(loggedAt, "loggedAt");
        Objects.requireNonNull(loggedBy, "loggedBy");
    }

    /**
     * A new activity, checked: a subject of one line and at most {@link #MAX_SUBJECT} characters, a body of at most
     * {@link #MAX_BODY}, and a time not in the future.
     *
     * @throws InvalidLeadException naming every bad member
     */
    public static Activity log(UUID id, WorkspaceId workspaceId, LeadId leadId, ActivityType type, String subject,
                               Optional<String> body, Instant occurredAt, Instant now, String loggedBy) {
        List<FieldViolation> violations = violations(subject, body, occurredAt, now);
        if (!violations.isEmpty()) {
            throw new InvalidLeadException(violations);
        }
        return new Activity(id, workspaceId, leadId, type, subject.strip(), body.filter(b -> !b.isBlank()),
                occurredAt == null ? now : occurredAt, now, loggedBy);
    }

    /**
     * The rules {@link #log} checks, without the type: a request whose type is already bad is still told about
     * every other bad member in the same answer.
     */
    public static List<FieldViolation> violations(String subject, Optional<String> body, Instant occurredAt,
                                                  Instant now) {
        List<FieldViolation> violations = new ArrayList<>();
        if (subject == null || subject.isBlank()) {
            violations.add(new FieldViolation("subject", "is required: what the email, call or meeting was about"));
        } else if (subject.length() > MAX_SUBJECT || subject.contains("\n") || subject.contains("\r")) {
            violations.add(new FieldViolation("subject", "must be one line of at most " + MAX_SUBJECT + " characters"));
        }
        if (body.isPresent() && body.get().length() > MAX_BODY) {
            violations.add(new FieldViolation("body", "must be at most " + MAX_BODY + " characters"));
        }
        if (occurredAt != null && occurredAt.isAfter(now.plus(CLOCK_SKEW))) {
            violations.add(new FieldViolation("occurredAt", "must not be in the future: an activity is logged after "
                    + "it happened"));
        }
        return violations;
    }
}
