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
}
