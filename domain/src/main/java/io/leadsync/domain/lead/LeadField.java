package io.leadsync.domain.lead;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The lead field catalog (ARCHITECTURE.md section 2). Each field has an API name (its JSON name in the agent API),
 * a type and, for text, a maximum length chosen to fit both Salesforce and HubSpot, so a value LeadSync accepts is
 * one every CRM accepts.
 */
public enum LeadField {
    LEAD_ID("leadId", FieldType.LEAD_ID, LeadId.MAX_LENGTH),
    FIRST_NAME("firstName", FieldType.TEXT, 40),
    LAST_NAME("lastName", FieldType.TEXT, 80),
    WORK_EMAIL("workEmail", FieldType.EMAIL, EmailAddress.MAX_LENGTH),
    JOB_TITLE("jobTitle", FieldType.TEXT, 128),
    COMPANY_NAME("companyName", FieldType.TEXT, 255),
    COMPANY_WEBSITE("companyWebsite", FieldType.URL, WebUrl.MAX_LENGTH),
    INDUSTRY("industry", FieldType.TEXT, 100),
    CITY("city", FieldType.TEXT, 40),
    MOBILE_PHONE("mobilePhone", FieldType.PHONE, 40),
    LINKEDIN_URL("linkedinUrl", FieldType.LINKEDIN_URL, WebUrl.MAX_LENGTH),
    OUTREACH_SCORE("outreachScore", FieldType.SCORE, 3),
    STATUS("status", FieldType.STATUS, 40),
    /** About, headline and AI intelligence: the agent's research notes on the lead. */
    ABOUT("about", FieldType.LONG_TEXT, 32_000),
    LEAD_SOURCE("leadSource", FieldType.TEXT, 100),
    AGENT_ID("agentId", FieldType.AGENT_ID, AgentId.MAX_LENGTH),
    AI_SCORE("aiScore", FieldType.SCORE, 3),
    IS_DQL("isDql", FieldType.BOOLEAN, 5),
    LAST_VISIT("lastVisitAt", FieldType.INSTANT, 24),
    VISIT_COUNT("visitCount", FieldType.COUNT, 10),
    ENGAGEMENT_LEVEL("engagementLevel", FieldType.ENGAGEMENT, 10);

    private final String apiName;
    private final FieldType type;
    private final int maxLength;

    LeadField(String apiName, FieldType type, int maxLength) {
        this.apiName = apiName;
        this.type = type;
        this.maxLength = maxLength;
    }

    public String apiName() {
        return apiName;
    }

    public FieldType type() {
        return type;
    }

    /** The longest canonical value this field holds, in characters. */
    public int maxLength() {
        return maxLength;
    }

    public static Optional<LeadField> byApiName(String apiName) {
        return Arrays.stream(values()).filter(f -> f.apiName.equals(apiName)).findFirst();
    }

    /** The rule a value of this field must follow, as shown to whoever sent a bad one. */
    public String rule() {
        return switch (type) {
            case TEXT -> "must be text of at most " + maxLength + " characters on one line";
            case LONG_TEXT -> "must be text of at most " + maxLength + " characters";
            case EMAIL -> EmailAddress.RULE;
            case URL -> WebUrl.RULE;
            case LINKEDIN_URL -> LinkedInUrl.RULE;
            case PHONE -> PhoneNumber.RULE;
            case SCORE -> Score.RULE;
            case COUNT -> "must be a whole number from 0 to " + Integer.MAX_VALUE;
            case BOOLEAN -> "must be true or false";
            case INSTANT -> "must be an ISO-8601 date-time with an offset, like 2026-01-31T09:30:00Z";
            case STATUS -> "must be one of " + Arrays.toString(LeadStatus.values());
            case ENGAGEMENT -> "must be one of " + Arrays.toString(EngagementLevel.values());
            case LEAD_ID -> LeadId.RULE;
            case AGENT_ID -> AgentId.RULE;
        };
    }

    /**
     * Checks a raw value and returns its canonical text, or empty when the value clears the field (null or blank).
     *
     * @throws InvalidLeadException naming this field and its rule when the value is not acceptable
     */
    public Optional<String> normalise(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            String canonical = canonical(raw.strip());
            // maxLength is the catalog's promise to the CRMs; some canonical forms (an instant past year 9999) outgrow it.
            if (canonical.codePointCount(0, canonical.length()) > maxLength) {
                throw new IllegalArgumentException("too long");
            }
            return Optional.of(canonical);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw InvalidLeadException.of(this, rule());
        }
    }

    private String canonical(String text) {
        return switch (type) {
            case TEXT -> boundedText(text, false);
            case LONG_TEXT -> boundedText(text, true);
            case EMAIL -> new EmailAddress(text).value();
            case URL -> new WebUrl(text).value();
            case LINKEDIN_URL -> new LinkedInUrl(text).value();
            case PHONE -> new PhoneNumber(text).value();
            case SCORE -> Integer.toString(new Score(Integer.parseInt(text)).value());
            case COUNT -> {
                int count = Integer.parseInt(text);
                if (count < 0) {
                    throw new IllegalArgumentException("negative count");
                }
                yield Integer.toString(count);
            }
            case BOOLEAN -> {
                String lower = text.toLowerCase(Locale.ROOT);
                if (!lower.equals("true") && !lower.equals("false")) {
                    throw new IllegalArgumentException("not a boolean");
                }
                yield lower;
            }
            case INSTANT -> OffsetDateTime.parse(text).toInstant().truncatedTo(ChronoUnit.MILLIS).toString();
            case STATUS -> LeadStatus.valueOf(text.toUpperCase(Locale.ROOT)).name();
            case ENGAGEMENT -> EngagementLevel.valueOf(text.toUpperCase(Locale.ROOT)).name();
            case LEAD_ID -> new LeadId(text).value();
            case AGENT_ID -> new AgentId(text).value();
        };
    }

    private String boundedText(String text, boolean multiLine) {
        if (text.codePointCount(0, text.length()) > maxLength) {
            throw new IllegalArgumentException("too long");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowedControl = multiLine && (c == '\n' || c == '\r' || c == '\t');
            if (Character.isISOControl(c) && !allowedControl) {
                throw new IllegalArgumentException("control character");
            }
        }
        return text;
    }

    /** The canonical form of an instant, as {@link #normalise} would write it. */
    public static String canonicalInstant(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
