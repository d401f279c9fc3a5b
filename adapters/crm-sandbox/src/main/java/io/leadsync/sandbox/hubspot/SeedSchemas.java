package io.leadsync.sandbox.hubspot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The property schemas and groups a new portal has for contacts and companies (HubSpot-defined properties). */
final class SeedSchemas {

    private SeedSchemas() {
    }

    static CrmStore.Schema contacts(Instant at) {
        CrmStore.Schema schema = new CrmStore.Schema();
        group(schema, "contactinformation", "Contact information", 0);
        group(schema, "sales_properties", "Sales properties", 1);
        String g = "contactinformation";
        List<PropertyDefinition> props = new ArrayList<>(List.of(
                PropertyDefinition.standard("email", "Email", "string", "text", g, false, at, List.of()),
                PropertyDefinition.text("firstname", "First Name", g, at),
                PropertyDefinition.text("lastname", "Last Name", g, at),
                PropertyDefinition.text("jobtitle", "Job Title", g, at),
                PropertyDefinition.text("company", "Company Name", g, at),
                PropertyDefinition.text("website", "Website URL", g, at),
                PropertyDefinition.standard("phone", "Phone Number", "string", "phonenumber", g, false, at,
                        List.of()),
                PropertyDefinition.standard("mobilephone", "Mobile Phone Number", "string", "phonenumber", g,
                        false, at, List.of()),
                PropertyDefinition.standard("fax", "Fax Number", "string", "phonenumber", g, false, at, List.of()),
                PropertyDefinition.text("address", "Street Address", g, at),
                PropertyDefinition.text("city", "City", g, at),
                PropertyDefinition.text("state", "State/Region", g, at),
                PropertyDefinition.text("zip", "Postal Code", g, at),
                PropertyDefinition.text("country", "Country/Region", g, at),
                PropertyDefinition.text("hs_timezone", "Time Zone", g, at),
                PropertyDefinition.text("hubspot_owner_id", "Contact owner", "sales_properties", at),
                PropertyDefinition.standard("industry", "Industry", "string", "text", g, false, at, List.of()),
                PropertyDefinition.standard("lifecyclestage", "Lifecycle Stage", "enumeration", "radio", g, false,
                        at, PropertyDefinition.options("subscriber=Subscriber", "lead=Lead",
                                "marketingqualifiedlead=Marketing Qualified Lead",
                                "salesqualifiedlead=Sales Qualified Lead", "opportunity=Opportunity",
                                "customer=Customer", "evangelist=Evangelist", "other=Other")),
                PropertyDefinition.standard("hs_lead_status", "Lead Status", "enumeration", "radio",
                        "sales_properties", false, at, PropertyDefinition.options("NEW=New", "OPEN=Open",
                                "IN_PROGRESS=In Progress", "OPEN_DEAL=Open Deal", "UNQUALIFIED=Unqualified",
                                "ATTEMPTED_TO_CONTACT=Attempted to Contact", "CONNECTED=Connected",
                                "BAD_TIMING=Bad Timing")),
                PropertyDefinition.standard("hs_analytics_source", "Original Source", "enumeration", "select", g,
                        false, at, PropertyDefinition.options("ORGANIC_SEARCH=Organic Search",
                                "PAID_SEARCH=Paid Search", "EMAIL_MARKETING=Email Marketing",
                                "SOCIAL_MEDIA=Organic Social", "REFERRALS=Referrals",
                                "OTHER_CAMPAIGNS=Other Campaigns", "DIRECT_TRAFFIC=Direct Traffic",
                                "OFFLINE=Offline Sources", "PAID_SOCIAL=Paid Social")),
                PropertyDefinition.standard("hs_object_id", "Record ID", "number", "number", g, true, at, List.of()),
                PropertyDefinition.standard("createdate", "Create Date", "datetime", "date", g, true, at, List.of()),
                PropertyDefinition.standard("lastmodifieddate", "Last Modified Date", "datetime", "date", g, true,
                        at, List.of()),
                PropertyDefinition.standard("hs_additional_emails", "Additional email addresses", "enumeration",
                        "checkbox", g, true, at, List.of()),
                PropertyDefinition.standard("hs_merged_object_ids", "Merged Contact IDs", "enumeration",
                        "checkbox", g, true, at, List.of())));
        props.forEach(p -> schema.properties.put(p.name(), p));
        return schema;
    }

    static CrmStore.Schema companies(Instant at) {
        CrmStore.Schema schema = new CrmStore.Schema();
        group(schema, "companyinformation", "Company information", 0);
        String g = "companyinformation";
        List<PropertyDefinition> props = List.of(
                PropertyDefinition.text("name", "Company name", g, at),
                PropertyDefinition.text("domain", "Company Domain Name", g, at),
                PropertyDefinition.text("website", "Website URL", g, at),
                PropertyDefinition.text("industry", "Industry", g, at),
                PropertyDefinition.text("city", "City", g, at),
                PropertyDefinition.text("country", "Country/Region", g, at),
                PropertyDefinition.standard("phone", "Phone Number", "string", "phonenumber", g, false, at,
                        List.of()),
                PropertyDefinition.standard("numberofemployees", "Number of Employees", "number", "number", g,
                        false, at, List.of()),
                PropertyDefinition.standard("hs_object_id", "Record ID", "number", "number", g, true, at, List.of()),
                PropertyDefinition.standard("createdate", "Create Date", "datetime", "date", g, true, at, List.of()),
                PropertyDefinition.standard("hs_lastmodifieddate", "Last Modified Date", "datetime", "date", g,
                        true, at, List.of()));
        props.forEach(p -> schema.properties.put(p.name(), p));
        return schema;
    }

    private static void group(CrmStore.Schema schema, String name, String label, int order) {
        ObjectNode group = HubSpotJson.object();
        group.put("name", name);
        group.put("label", label);
        group.put("displayOrder", order);
        group.put("archived", false);
        schema.groups.put(name, group);
    }
}
