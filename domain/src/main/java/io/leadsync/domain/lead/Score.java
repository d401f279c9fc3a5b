package io.leadsync.domain.lead;

/** A 0 to 100 score (outreach score, AI score), whole numbers only so it compares exactly across CRMs. */
public record Score(int value) {
    public static final int MIN = 0;
    public static final int MAX = 100;
    static final String RULE = "must be a whole number from " + MIN + " to " + MAX;

    public Score {
        if (value < MIN || value > MAX) {
            throw new IllegalArgumentException("score " + RULE);
        }
    }
}
