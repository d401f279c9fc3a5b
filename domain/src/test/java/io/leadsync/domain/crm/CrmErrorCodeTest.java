package io.leadsync.domain.crm;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CrmErrorCodeTest {
    @Test
    void the_crms_code_is_found_wherever_it_sits_in_the_reason() {
        assertThat(CrmErrorCode.of("Salesforce refused the upsert (400): INVALID_FIELD: No such column 'X__c'").value())
                .isEqualTo("INVALID_FIELD");
        assertThat(CrmErrorCode.of("DUPLICATES_DETECTED: Use one of these records?").value())
                .isEqualTo("DUPLICATES_DETECTED");
        assertThat(CrmErrorCode.of("HubSpot refused the batch (400): PROPERTY_DOESNT_EXIST: Property \"x\"").value())
                .isEqualTo("PROPERTY_DOESNT_EXIST");
    }

    @Test
    void without_a_code_the_reason_up_to_its_colon_names_the_group() {
        assertThat(CrmErrorCode.of("suppressed: email on the list").value()).isEqualTo("suppressed");
        assertThat(CrmErrorCode.of("could not connect").value()).isEqualTo("could not connect");
        assertThat(CrmErrorCode.of(null).value()).isEqualTo("UNKNOWN");
    }

    @Test
    void sending_again_cannot_help_a_lead_without_a_work_email_or_a_suppressed_one() {
        CrmErrorCode noEmail = CrmErrorCode.of("no work email: CRMs match and route leads by email");

        assertThat(noEmail.value()).isEqualTo(CrmErrorCode.NO_WORK_EMAIL);
        assertThat(noEmail.resyncCanHelp()).isFalse();
        assertThat(CrmErrorCode.of("suppressed: domain competitor.example").resyncCanHelp()).isFalse();
        assertThat(CrmErrorCode.of("REQUIRED_FIELD_MISSING: [Company]").resyncCanHelp()).isTrue();
    }
}
