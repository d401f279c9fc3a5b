package io.leadsync.domain.lead;

import java.util.List;

/** A lead input broke one or more field rules; every broken rule is listed, and nothing was changed. */
public final class InvalidLeadException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<FieldViolation> violations;

    public InvalidLeadException(List<FieldViolation> violations) {
        super(describe(violations));
        if (violations.isEmpty()) {
            throw new IllegalArgumentException("an invalid lead has at least one violation");
        }
        this.violations = List.copyOf(violations);
    }

    public static InvalidLeadException of(LeadField field, String rule) {
        return new InvalidLeadException(List.of(new FieldViolation(field.apiName(), rule)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    private static String describe(List<FieldViolation> violations) {
        StringBuilder text = new StringBuilder("invalid lead:");
        for (FieldViolation violation : violations) {
            text.append(' ').append(violation.field()).append(' ').append(violation.rule()).append(';');
        }
        return text.toString();
    }
}
