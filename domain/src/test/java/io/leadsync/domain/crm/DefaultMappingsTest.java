package io.leadsync.domain.crm;

import io.leadsync.domain.lead.LeadField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultMappingsTest {
    @ParameterizedTest
    @EnumSource(value = CrmKind.class, names = {"SALESFORCE", "HUBSPOT"})
    void every_catalog_field_is_mapped_once(CrmKind kind) {
        List<FieldMapping> mappings = DefaultMappings.forKind(kind, "LeadSync");

        assertThat(mappings).extracting(FieldMapping::appField).containsExactlyInAnyOrder(LeadField.values());
    }

    @Test
    void salesforce_uses_standard_lead_fields_and_prefixed_custom_fields() {
        List<FieldMapping> mappings = DefaultMappings.salesforce("Acme");

        assertThat(mappings).contains(FieldMapping.both(LeadField.LEAD_ID, "Acme_Lead_ID__c"),
                FieldMapping.both(LeadField.WORK_EMAIL, "Email"), FieldMapping.both(LeadField.COMPANY_NAME, "Company"),
                FieldMapping.both(LeadField.ABOUT, "Description"),
                FieldMapping.both(LeadField.OUTREACH_SCORE, "Acme_Outreach_Score__c"));
        assertThat(mappings).filteredOn(mapping -> mapping.appField() == LeadField.LEAD_SOURCE)
                .singleElement().extracting(FieldMapping::direction).isEqualTo(SyncDirection.PUSH);
    }

    @Test
    void hubspot_property_names_are_lower_case() {
        assertThat(DefaultMappings.hubspot("LeadSync")).extracting(FieldMapping::crmField)
                .allSatisfy(name -> assertThat(name).isLowerCase()).contains("leadsync_lead_id", "email");
    }

    @Test
    void a_prefix_that_would_make_bad_field_names_is_refused() {
        assertThatThrownBy(() -> DefaultMappings.salesforce("Lead Sync")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> DefaultMappings.salesforce("_x")).hasMessageContaining("prefix");
    }

    @Test
    void the_contact_mapping_puts_the_person_on_the_contact_and_the_company_on_its_account() {
        java.util.Map<io.leadsync.domain.lead.LeadField, FieldMapping> byField = new java.util.EnumMap<>(
                io.leadsync.domain.lead.LeadField.class);
        DefaultMappings.salesforceContact("Acme").forEach(m -> byField.put(m.appField(), m));

        org.assertj.core.api.Assertions.assertThat(byField.get(io.leadsync.domain.lead.LeadField.COMPANY_NAME)
                .crmField()).isEqualTo("Account.Name");
        org.assertj.core.api.Assertions.assertThat(byField.get(io.leadsync.domain.lead.LeadField.COMPANY_NAME)
                .onAccount()).isTrue();
        org.assertj.core.api.Assertions.assertThat(byField.get(io.leadsync.domain.lead.LeadField.COMPANY_NAME)
                .fieldName()).isEqualTo("Name");
        org.assertj.core.api.Assertions.assertThat(byField.get(io.leadsync.domain.lead.LeadField.COMPANY_WEBSITE)
                .crmField()).isEqualTo("Account.Website");
        org.assertj.core.api.Assertions.assertThat(byField.get(io.leadsync.domain.lead.LeadField.CITY).crmField())
                .isEqualTo("MailingCity");
        org.assertj.core.api.Assertions.assertThat(byField.get(io.leadsync.domain.lead.LeadField.LEAD_ID).crmField())
                .isEqualTo("Acme_Lead_ID__c");
        org.assertj.core.api.Assertions.assertThat(DefaultMappings.forTarget(CrmKind.HUBSPOT, TargetObject.CONTACT,
                "Acme")).isEqualTo(DefaultMappings.hubspot("Acme"));
    }
}
