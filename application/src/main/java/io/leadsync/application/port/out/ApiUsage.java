package io.leadsync.application.port.out;

/**
 * A CRM's own account of the org's API use, as it reports it with a response (Salesforce {@code Sforce-Limit-Info:
 * api-usage=used/limit}): the figure budgets are corrected by.
 */
public record ApiUsage(long used, long limit) {
    public ApiUsage {
        if (used < 0 || limit <= 0) {
            throw new IllegalArgumentException("usage must be >= 0 and the limit > 0");
        }
    }

    /** Parses {@code api-usage=25/15000}, alone or among other comma-separated entries; empty when absent. */
    public static java.util.Optional<ApiUsage> fromSalesforceHeader(String header) {
        if (header == null) {
            return java.util.Optional.empty();
        }
        for (String entry : header.split(",")) {
            String[] parts = entry.trim().split("=", 2);
            if (parts.length == 2 && parts[0].trim().equals("api-usage")) {
                String[] figures = parts[1].trim().split("/", 2);
                try {
                    return java.util.Optional.of(new ApiUsage(Long.parseLong(figures[0].trim()),
                            Long.parseLong(figures[1].trim())));
                } catch (RuntimeException e) {
                    return java.util.Optional.empty();
                }
            }
        }
        return java.util.Optional.empty();
    }

    @Override
    public String toString() {
        return used + "/" + limit;
    }
}
