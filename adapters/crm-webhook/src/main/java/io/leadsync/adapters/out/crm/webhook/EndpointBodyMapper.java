package io.leadsync.adapters.out.crm.webhook;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.lead.LeadField;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A lead as the body an endpoint receives: its mapped fields under the mapping's names, in the mapping's order. */
final class EndpointBodyMapper {
    private EndpointBodyMapper() {
    }

    /** The record's values by the names the mapping gives them; a cleared field is an empty value. */
    static Map<String, Optional<String>> named(List<FieldMapping> mappings, CrmRecord record) {
        Map<String, Optional<String>> named = new LinkedHashMap<>();
        for (FieldMapping mapping : mappings) {
            Optional<String> value = record.values().get(mapping.appField());
            if (value != null) {
                named.put(mapping.crmField(), value);
            }
        }
        return named;
    }

    /**
     * A JSON object: scores and counts as numbers, the DQL flag as a boolean, a cleared field as {@code null}, the rest
     * as strings.
     */
    static String toJson(List<FieldMapping> mappings, CrmRecord record) {
        StringBuilder json = new StringBuilder("{");
        for (FieldMapping mapping : mappings) {
            Optional<String> value = record.values().get(mapping.appField());
            if (value == null) {
                continue;
            }
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, mapping.crmField());
            json.append(':');
            if (value.isEmpty()) {
                json.append("null");
            } else if (bare(mapping.appField(), value.get())) {
                json.append(value.get());
            } else {
                string(json, value.get());
            }
        }
        return json.append('}').toString();
    }

    /** {@code application/x-www-form-urlencoded}, UTF-8; a cleared field is sent empty. */
    static String toForm(Map<String, Optional<String>> named) {
        StringBuilder form = new StringBuilder();
        named.forEach((name, value) -> {
            if (form.length() > 0) {
                form.append('&');
            }
            form.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(value.orElse(""), StandardCharsets.UTF_8));
        });
        return form.toString();
    }

    private static boolean bare(LeadField field, String value) {
        return switch (field.type()) {
            case SCORE, COUNT -> value.matches("-?\\d{1,18}");
            case BOOLEAN -> value.equals("true") || value.equals("false");
            default -> false;
        };
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
