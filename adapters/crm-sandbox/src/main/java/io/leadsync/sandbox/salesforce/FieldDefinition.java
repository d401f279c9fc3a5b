package io.leadsync.sandbox.salesforce;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One field of an sObject as describe reports it. {@code required} is what the API enforces on insert
 * (LastName, Company); {@code nillable=false} with {@code defaultedOnCreate} (Status, OwnerId) is filled in instead.
 */
public record FieldDefinition(String name, String label, String type, int length, boolean custom, boolean externalId,
        boolean unique, boolean caseSensitive, boolean nillable, boolean createable, boolean updateable,
        boolean required, boolean defaultedOnCreate, int precision, int scale, List<String> picklistValues,
        List<String> referenceTo) {

    public FieldDefinition {
        picklistValues = List.copyOf(picklistValues);
        referenceTo = List.copyOf(referenceTo);
    }

    static FieldDefinition standard(String name, String label, String type, int length) {
        return new FieldDefinition(name, label, type, length, false, false, false, false, true, true, true, false,
                false, 0, 0, List.of(), List.of());
    }

    static FieldDefinition readOnly(String name, String label, String type, int length) {
        return new FieldDefinition(name, label, type, length, false, false, false, false, true, false, false, false,
                false, 0, 0, List.of(), List.of());
    }

    /** A custom text field; {@code length} is its maximum, as the Tooling API's {@code Text(length)}. */
    public static FieldDefinition customText(String name, String label, int length, boolean externalId,
            boolean unique) {
        return new FieldDefinition(name, label, "string", length, true, externalId, unique, false, true, true, true,
                false, false, 0, 0, List.of(), List.of());
    }

    /** A custom field of another describe type ({@code url}, {@code double}, {@code boolean}, {@code datetime}...). */
    public static FieldDefinition custom(String name, String label, String type, int length, int precision,
            int scale) {
        return new FieldDefinition(name, label, type, length, true, false, false, false, !"boolean".equals(type),
                true, true, false, "boolean".equals(type), precision, scale, List.of(), List.of());
    }

    FieldDefinition withNillable(boolean value) {
        return new FieldDefinition(name, label, type, length, custom, externalId, unique, caseSensitive, value,
                createable, updateable, required, defaultedOnCreate, precision, scale, picklistValues, referenceTo);
    }

    FieldDefinition withRequired() {
        return new FieldDefinition(name, label, type, length, custom, externalId, unique, caseSensitive, false,
                createable, updateable, true, defaultedOnCreate, precision, scale, picklistValues, referenceTo);
    }

    FieldDefinition withDefaultedOnCreate() {
        return new FieldDefinition(name, label, type, length, custom, externalId, unique, caseSensitive, false,
                createable, updateable, required, true, precision, scale, picklistValues, referenceTo);
    }

    FieldDefinition withPicklist(List<String> values) {
        return new FieldDefinition(name, label, type, length, custom, externalId, unique, caseSensitive, nillable,
                createable, updateable, required, defaultedOnCreate, precision, scale, values, referenceTo);
    }

    FieldDefinition withReferenceTo(List<String> objects) {
        return new FieldDefinition(name, label, type, length, custom, externalId, unique, caseSensitive, nillable,
                createable, updateable, required, defaultedOnCreate, precision, scale, picklistValues, objects);
    }

    boolean isText() {
        return switch (type) {
            case "id", "string", "email", "phone", "url", "picklist", "multipicklist", "textarea", "reference",
                    "combobox", "encryptedstring" -> true;
            default -> false;
        };
    }

    /**
     * Field-level security applies to custom fields only, and not to required ones. A checkbox is not nillable yet
     * takes FLS, so this looks at {@code required}, not {@code nillable}.
     */
    boolean permissionable() {
        return custom && !required;
    }

    ObjectNode describe() {
        ObjectNode node = Json.object();
        node.put("name", name);
        node.put("label", label);
        node.put("type", type);
        node.put("length", isText() ? length : 0);
        node.put("byteLength", isText() ? length * 3 : 0);
        node.put("custom", custom);
        node.put("externalId", externalId);
        node.put("unique", unique);
        node.put("idLookup", externalId || unique || "Id".equals(name) || "Email".equals(name));
        node.put("nillable", nillable);
        node.put("createable", createable);
        node.put("updateable", updateable);
        node.put("permissionable", permissionable());
        node.put("defaultedOnCreate", defaultedOnCreate);
        node.put("calculated", false);
        node.put("caseSensitive", caseSensitive);
        node.put("restrictedPicklist", false);
        node.put("filterable", !"textarea".equals(type));
        node.put("sortable", !"textarea".equals(type));
        node.putNull("defaultValue");
        ArrayNode picklist = node.putArray("picklistValues");
        for (int i = 0; i < picklistValues.size(); i++) {
            ObjectNode entry = picklist.addObject();
            entry.put("active", true);
            entry.put("defaultValue", i == 0 && "Status".equals(name));
            entry.put("label", picklistValues.get(i));
            entry.putNull("validFor");
            entry.put("value", picklistValues.get(i));
        }
        node.set("referenceTo", Json.strings(referenceTo));
        node.putNull("relationshipName");
        node.put("precision", precision);
        node.put("scale", scale);
        node.put("digits", "int".equals(type) ? 9 : 0);
        node.put("soapType", soapType());
        return node;
    }

    private String soapType() {
        return switch (type) {
            case "id", "reference" -> "tns:ID";
            case "boolean" -> "xsd:boolean";
            case "double", "currency", "percent" -> "xsd:double";
            case "int" -> "xsd:int";
            case "date" -> "xsd:date";
            case "datetime" -> "xsd:dateTime";
            default -> "xsd:string";
        };
    }
}
