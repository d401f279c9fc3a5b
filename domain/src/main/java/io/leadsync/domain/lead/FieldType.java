package io.leadsync.domain.lead;

/**
 * How a field's value is checked and written in its canonical text form, the form that is stored and compared in
 * the merge. {@link #jsonKind()} says which JSON type carries it on the wire.
 */
public enum FieldType {
    /** One line of text, trimmed; empty means cleared. */
    TEXT(JsonKind.STRING),
    /** Several lines of text (line breaks and tabs allowed), trimmed. */
    LONG_TEXT(JsonKind.STRING),
    EMAIL(JsonKind.STRING),
    URL(JsonKind.STRING),
    LINKEDIN_URL(JsonKind.STRING),
    PHONE(JsonKind.STRING),
    /** Whole number 0 to 100. */
    SCORE(JsonKind.INTEGER),
    /** Whole number 0 or more. */
    COUNT(JsonKind.INTEGER),
    BOOLEAN(JsonKind.BOOLEAN),
    /** An ISO-8601 instant with an offset, kept in UTC to the millisecond (the CRMs' precision). */
    INSTANT(JsonKind.STRING),
    /** One of {@link LeadStatus}. */
    STATUS(JsonKind.STRING),
    /** One of {@link EngagementLevel}. */
    ENGAGEMENT(JsonKind.STRING),
    LEAD_ID(JsonKind.STRING),
    AGENT_ID(JsonKind.STRING);

    /** The JSON type that carries a field of this type. */
    public enum JsonKind { STRING, INTEGER, BOOLEAN }

    private final JsonKind jsonKind;

    FieldType(JsonKind jsonKind) {
        this.jsonKind = jsonKind;
    }

    public JsonKind jsonKind() {
        return jsonKind;
    }
}
