package io.leadsync.adapters.in.http.web;

import java.util.List;
import java.util.Map;

/** Reads a form body as Micronaut binds it: one value as a string, a repeated field as a list. */
final class Forms {
    private Forms() {
    }

    static String one(Map<String, Object> form, String name) {
        List<String> values = all(form, name);
        return values.isEmpty() ? null : values.get(0);
    }

    static List<String> all(Map<String, Object> form, String name) {
        Object value = form.get(name);
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }

    /** An HTML checkbox sends its field only when ticked. */
    static boolean checked(Map<String, Object> form, String name) {
        String value = one(form, name);
        return value != null && !value.equals("false");
    }
}
