package io.leadsync.adapters.out.crm.salesforce;

/** Salesforce's REST error array, {@code [{"message","errorCode","fields"}]} (SALESFORCE.md section 3). */
final class SalesforceErrors {
    private SalesforceErrors() {
    }

    static String code(SalesforceHttp.Response response) {
        if (response.body() != null && response.body().isArray() && response.body().size() > 0) {
            return SalesforceAuthorization.text(response.body().get(0), "errorCode").orElse("");
        }
        return "";
    }

    static String describe(SalesforceHttp.Response response) {
        if (response.body() != null && response.body().isArray() && response.body().size() > 0) {
            String code = SalesforceAuthorization.text(response.body().get(0), "errorCode").orElse("ERROR");
            String message = SalesforceAuthorization.text(response.body().get(0), "message").orElse("");
            return code + ": " + message;
        }
        String raw = response.rawBody() == null ? "" : response.rawBody();
        return raw.length() > 200 ? raw.substring(0, 200) + "..." : raw;
    }
}
