package io.leadsync.sandbox.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SalesforceIdsTest {

    @Test
    void fifteen_character_id_gets_salesforces_case_safe_suffix() {
        assertThat(SalesforceIds.to18("001A0000006Vm9r")).isEqualTo("001A0000006Vm9rIAC");
    }

    @Test
    void generated_ids_are_18_characters_with_the_key_prefix() {
        String id = SalesforceIds.id("00Q", 1);

        assertThat(id).hasSize(18).startsWith("00Q");
        assertThat(SalesforceIds.normalise(id)).isEqualTo(id);
    }

    @Test
    void a_15_character_id_and_its_18_character_form_name_the_same_record() {
        String id = SalesforceIds.id("00Q", 4242);

        assertThat(SalesforceIds.normalise(id.substring(0, 15))).isEqualTo(id);
    }

    @Test
    void text_that_cannot_be_an_id_is_rejected() {
        assertThat(SalesforceIds.normalise("not-an-id")).isNull();
        assertThat(SalesforceIds.normalise("001A0000006Vm9rXXX")).isNull();
    }
}
