package io.leadsync.domain.crm;

/** How a webhook connection encodes a lead: a JSON object, or an HTML form ({@code application/x-www-form-urlencoded}). */
public enum BodyFormat {
    JSON,
    FORM
}
