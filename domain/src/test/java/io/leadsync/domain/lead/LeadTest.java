package io.leadsync.domain.lead;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.T1;
import static io.leadsync.domain.lead.LeadFixtures.T2;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class LeadTest {

    private static final LeadId LEAD_1 = new LeadId("lead-1");

    private static Map<LeadField, String> input(Object... fieldsAndValues) {
        Map<LeadField, String> input = new EnumMap<>(LeadField.class);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            input.put((LeadField) fieldsAndValues[i], (String) fieldsAndValues[i + 1]);
        }
        return input;
    }

    private static List<FieldViolation> violationsOf(Runnable action) {
        try {
            action.run();
        } catch (InvalidLeadException e) {
            return e.violations();
        }
        throw new AssertionError("expected an InvalidLeadException");
    }

    // --- create

    @Test
    void a_new_lead_holds_the_agents_values_in_canonical_form() {
        Lead lead = Lead.create(WORKSPACE, LEAD_1, input(
                LeadField.FIRST_NAME, "  Ada ",
                LeadField.LAST_NAME, "Lovelace",
                LeadField.WORK_EMAIL, "Ada@Analytical.EXAMPLE",
                LeadField.OUTREACH_SCORE, "070",
                LeadField.LAST_VISIT, "2026-01-04T10:00:00+01:00"), T0);

        assertThat(lead.workspaceId()).isEqualTo(WORKSPACE);
        assertThat(lead.id()).isEqualTo(LEAD_1);
        assertThat(lead.value(LeadField.FIRST_NAME)).contains("Ada");
        assertThat(lead.lastName()).isEqualTo("Lovelace");
        assertThat(lead.workEmail()).contains(new EmailAddress("ada@analytical.example"));
        assertThat(lead.value(LeadField.OUTREACH_SCORE)).contains("70");
        assertThat(lead.value(LeadField.LAST_VISIT)).contains("2026-01-04T09:00:00Z");
        assertThat(lead.value(LeadField.LEAD_ID)).contains("lead-1");
        assertThat(lead.value(LeadField.CITY)).isEmpty();
    }

    @Test
    void a_new_lead_is_new_at_version_1_and_every_field_changed_when_it_was_created() {
        Lead lead = aLead().createdAt(T0).build();

        assertThat(lead.status()).isEqualTo(LeadStatus.NEW);
        assertThat(lead.value(LeadField.STATUS)).contains("NEW");
        assertThat(lead.version()).isEqualTo(1);
        assertThat(lead.createdAt()).isEqualTo(T0);
        assertThat(lead.updatedAt()).isEqualTo(T0);
        assertThat(lead.fields()).isNotEmpty().allSatisfy((field, state) -> {
            assertThat(state.changedAt()).as(field.apiName()).isEqualTo(T0);
            assertThat(lead.changedAt(field)).as(field.apiName()).contains(T0);
        });
        assertThat(lead.changedAt(LeadField.CITY)).as("a field that never had a value").isEmpty();
        assertThat(lead.clearedFields()).isEmpty();
    }

    @Test
    void a_new_lead_keeps_the_status_the_agent_gave() {
        assertThat(aLead().withStatus(LeadStatus.CONTACTED).build().status()).isEqualTo(LeadStatus.CONTACTED);
        assertThat(aLead().with(LeadField.STATUS, "engaged").build().value(LeadField.STATUS)).contains("ENGAGED");
    }

    @Test
    void a_new_lead_with_a_blank_status_is_new() {
        Lead lead = aLead().with(LeadField.STATUS, " ").build();

        assertThat(lead.value(LeadField.STATUS)).contains("NEW");
        assertThat(lead.asChangesFromNothing())
                .contains(new FieldChange(LeadField.STATUS, Optional.empty(), Optional.of("NEW")));
    }

    @Test
    void a_lead_without_a_last_name_is_refused() {
        assertThat(violationsOf(() -> aLead().without(LeadField.LAST_NAME).build()))
                .extracting(FieldViolation::field).containsExactly("lastName");
        assertThat(violationsOf(() -> aLead().with(LeadField.LAST_NAME, "  ").build()))
                .extracting(FieldViolation::field).containsExactly("lastName");
    }

    @Test
    void a_new_lead_reports_every_broken_rule_at_once_including_a_missing_last_name() {
        List<FieldViolation> violations = violationsOf(() -> aLead()
                .without(LeadField.LAST_NAME)
                .withEmail("not-an-email")
                .with(LeadField.OUTREACH_SCORE, "101")
                .build());

        assertThat(violations).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("lastName", "workEmail", "outreachScore");
    }

    @Test
    void a_last_name_that_is_too_long_is_reported_once_by_its_length_rule() {
        assertThat(violationsOf(() -> aLead().with(LeadField.LAST_NAME, "x".repeat(81)).build()))
                .containsExactly(new FieldViolation("lastName", LeadField.LAST_NAME.rule()));
    }

    @Test
    void a_new_lead_may_repeat_its_own_id_but_not_name_another() {
        assertThat(aLead().withId("lead-1").with(LeadField.LEAD_ID, "lead-1").build().value(LeadField.LEAD_ID))
                .contains("lead-1");

        assertThat(violationsOf(() -> aLead().withId("lead-1").with(LeadField.LEAD_ID, "lead-2").build()))
                .containsExactly(new FieldViolation("leadId", "cannot be changed; it is lead-1"));
    }

    @Test
    void a_lead_does_not_follow_later_edits_of_the_input_it_was_created_from() {
        Map<LeadField, String> input = aLead().input();
        Lead lead = Lead.create(WORKSPACE, LEAD_1, input, T0);

        input.put(LeadField.FIRST_NAME, "Augusta");

        assertThat(lead.value(LeadField.FIRST_NAME)).contains("Ada");
    }

    // --- update

    @Test
    void an_update_changes_only_the_fields_it_names_and_stamps_only_those() {
        Lead lead = aLead().build();

        List<FieldChange> changes = lead.update(input(LeadField.JOB_TITLE, "Analyst", LeadField.FIRST_NAME, "Augusta"), T1);

        assertThat(changes).containsExactlyInAnyOrder(
                new FieldChange(LeadField.JOB_TITLE, Optional.empty(), Optional.of("Analyst")),
                new FieldChange(LeadField.FIRST_NAME, Optional.of("Ada"), Optional.of("Augusta")));
        assertThat(lead.value(LeadField.JOB_TITLE)).contains("Analyst");
        assertThat(lead.changedAt(LeadField.JOB_TITLE)).contains(T1);
        assertThat(lead.changedAt(LeadField.FIRST_NAME)).contains(T1);
        assertThat(lead.value(LeadField.LAST_NAME)).contains("Lovelace");
        assertThat(lead.changedAt(LeadField.LAST_NAME)).contains(T0);
        assertThat(lead.changedAt(LeadField.WORK_EMAIL)).contains(T0);
        assertThat(lead.version()).isEqualTo(2);
        assertThat(lead.updatedAt()).isEqualTo(T1);
        assertThat(lead.createdAt()).isEqualTo(T0);
    }

    @Test
    void a_blank_value_clears_the_field_and_the_clear_is_a_recorded_change() {
        Lead lead = aLead().build();

        List<FieldChange> changes = lead.update(input(LeadField.COMPANY_NAME, "  "), T1);

        assertThat(changes).containsExactly(
                new FieldChange(LeadField.COMPANY_NAME, Optional.of("Analytical Engines Ltd"), Optional.empty()));
        assertThat(lead.value(LeadField.COMPANY_NAME)).isEmpty();
        assertThat(lead.fields()).doesNotContainKey(LeadField.COMPANY_NAME);
        assertThat(lead.changedAt(LeadField.COMPANY_NAME)).contains(T1);
        assertThat(lead.clearedFields()).containsExactly(entry(LeadField.COMPANY_NAME, T1));
        assertThat(lead.version()).isEqualTo(2);
    }

    @Test
    void a_null_value_clears_the_field_too() {
        Lead lead = aLead().build();
        Map<LeadField, String> input = new HashMap<>();
        input.put(LeadField.WORK_EMAIL, null);

        assertThat(lead.update(input, T1)).containsExactly(
                new FieldChange(LeadField.WORK_EMAIL, Optional.of("ada@analytical.example"), Optional.empty()));
        assertThat(lead.workEmail()).isEmpty();
    }

    @Test
    void clearing_a_field_that_has_no_value_changes_nothing() {
        Lead lead = aLead().build();

        assertThat(lead.update(input(LeadField.CITY, ""), T1)).isEmpty();
        assertThat(lead.clearedFields()).isEmpty();
        assertThat(lead.changedAt(LeadField.CITY)).isEmpty();
        assertThat(lead.version()).isEqualTo(1);
    }

    @Test
    void setting_a_cleared_field_again_forgets_the_clear() {
        Lead lead = aLead().build();
        lead.update(input(LeadField.COMPANY_NAME, ""), T1);

        lead.update(input(LeadField.COMPANY_NAME, "Difference Engines"), T2);

        assertThat(lead.value(LeadField.COMPANY_NAME)).contains("Difference Engines");
        assertThat(lead.changedAt(LeadField.COMPANY_NAME)).contains(T2);
        assertThat(lead.clearedFields()).isEmpty();
        assertThat(lead.version()).isEqualTo(3);
    }

    @Test
    void the_same_input_again_changes_nothing_and_keeps_the_version() {
        Lead lead = aLead().build();
        Map<LeadField, String> update = input(LeadField.JOB_TITLE, "Analyst", LeadField.CITY, "London");
        lead.update(update, T1);

        List<FieldChange> again = lead.update(update, T2);

        assertThat(again).isEmpty();
        assertThat(lead.version()).isEqualTo(2);
        assertThat(lead.updatedAt()).isEqualTo(T1);
        assertThat(lead.changedAt(LeadField.JOB_TITLE)).contains(T1);
    }

    @Test
    void the_full_creation_input_sent_again_changes_nothing() {
        Lead lead = aLead().build();

        assertThat(lead.update(aLead().input(), T1)).isEmpty();
        assertThat(lead.version()).isEqualTo(1);
        assertThat(lead.updatedAt()).isEqualTo(T0);
    }

    @Test
    void another_spelling_of_the_same_value_is_no_change() {
        Lead lead = aLead().with(LeadField.LAST_VISIT, "2026-01-04T09:00:00Z").build();

        List<FieldChange> changes = lead.update(input(
                LeadField.WORK_EMAIL, "  ADA@analytical.example",
                LeadField.LAST_VISIT, "2026-01-04T10:00:00.000+01:00",
                LeadField.STATUS, "new",
                LeadField.FIRST_NAME, "Ada "), T1);

        assertThat(changes).isEmpty();
        assertThat(lead.version()).isEqualTo(1);
    }

    @Test
    void an_update_reports_every_broken_rule_at_once_and_changes_nothing() {
        Lead lead = aLead().build();

        assertThatThrownBy(() -> lead.update(input(
                LeadField.FIRST_NAME, "Augusta",
                LeadField.WORK_EMAIL, "ada@",
                LeadField.MOBILE_PHONE, "12",
                LeadField.IS_DQL, "maybe"), T1))
                .isInstanceOfSatisfying(InvalidLeadException.class, e -> {
                    assertThat(e.violations()).containsExactly(
                            new FieldViolation("isDql", LeadField.IS_DQL.rule()),
                            new FieldViolation("mobilePhone", LeadField.MOBILE_PHONE.rule()),
                            new FieldViolation("workEmail", LeadField.WORK_EMAIL.rule()));
                    assertThat(e).hasMessageContaining("isDql").hasMessageContaining("mobilePhone")
                            .hasMessageContaining("workEmail");
                });

        assertThat(lead.value(LeadField.FIRST_NAME)).contains("Ada");
        assertThat(lead.version()).isEqualTo(1);
        assertThat(lead.updatedAt()).isEqualTo(T0);
    }

    @Test
    void the_last_name_cannot_be_cleared() {
        Lead lead = aLead().build();

        assertThat(violationsOf(() -> lead.update(input(LeadField.LAST_NAME, ""), T1)))
                .containsExactly(new FieldViolation("lastName", "is required and cannot be cleared"));
        assertThat(lead.lastName()).isEqualTo("Lovelace");
    }

    @Test
    void the_status_cannot_be_cleared() {
        Lead lead = aLead().withStatus(LeadStatus.ENGAGED).build();

        assertThat(violationsOf(() -> lead.update(input(LeadField.STATUS, " "), T1)))
                .extracting(FieldViolation::field).containsExactly("status");
        assertThat(lead.status()).isEqualTo(LeadStatus.ENGAGED);
    }

    @Test
    void clearing_required_fields_is_reported_together_with_every_other_broken_rule() {
        Lead lead = aLead().build();

        List<FieldViolation> violations = violationsOf(() -> lead.update(input(
                LeadField.LAST_NAME, "",
                LeadField.STATUS, "",
                LeadField.WORK_EMAIL, "nope"), T1));

        assertThat(violations).extracting(FieldViolation::field)
                .containsExactlyInAnyOrder("lastName", "status", "workEmail");
        assertThat(lead.version()).isEqualTo(1);
    }

    @Test
    void the_lead_id_cannot_be_changed_but_may_be_repeated() {
        Lead lead = aLead().withId("lead-1").build();

        assertThat(violationsOf(() -> lead.update(input(LeadField.LEAD_ID, "lead-2"), T1)))
                .containsExactly(new FieldViolation("leadId", "cannot be changed; it is lead-1"));
        assertThat(lead.update(input(LeadField.LEAD_ID, "lead-1"), T1)).isEmpty();
        assertThat(lead.value(LeadField.LEAD_ID)).contains("lead-1");
        assertThat(lead.version()).isEqualTo(1);
    }

    // --- changeStatus

    @Test
    void moving_to_another_status_is_one_recorded_change() {
        Lead lead = aLead().build();

        List<FieldChange> changes = lead.changeStatus(LeadStatus.MEETING_BOOKED, T1);

        assertThat(changes).containsExactly(
                new FieldChange(LeadField.STATUS, Optional.of("NEW"), Optional.of("MEETING_BOOKED")));
        assertThat(lead.status()).isEqualTo(LeadStatus.MEETING_BOOKED);
        assertThat(lead.changedAt(LeadField.STATUS)).contains(T1);
        assertThat(lead.version()).isEqualTo(2);
    }

    @Test
    void moving_to_the_current_status_changes_nothing() {
        Lead lead = aLead().withStatus(LeadStatus.QUALIFIED).build();

        assertThat(lead.changeStatus(LeadStatus.QUALIFIED, T1)).isEmpty();
        assertThat(lead.version()).isEqualTo(1);
        assertThat(lead.changedAt(LeadField.STATUS)).contains(T0);
    }

    // --- restore

    @Test
    void a_restored_lead_is_the_lead_that_was_saved() {
        Lead saved = aLead().with(LeadField.CITY, "London").build();
        saved.update(input(LeadField.CITY, "", LeadField.JOB_TITLE, "Analyst"), T1);

        Lead restored = Lead.restore(saved.workspaceId(), saved.id(), saved.createdAt(), saved.updatedAt(),
                saved.version(), saved.fields(), saved.clearedFields());

        assertThat(restored.workspaceId()).isEqualTo(saved.workspaceId());
        assertThat(restored.id()).isEqualTo(saved.id());
        assertThat(restored.createdAt()).isEqualTo(T0);
        assertThat(restored.updatedAt()).isEqualTo(T1);
        assertThat(restored.version()).isEqualTo(2);
        assertThat(restored.fields()).isEqualTo(saved.fields());
        assertThat(restored.clearedFields()).containsExactly(entry(LeadField.CITY, T1));
        assertThat(restored.changedAt(LeadField.CITY)).contains(T1);
        assertThat(restored.changedAt(LeadField.JOB_TITLE)).contains(T1);
        assertThat(restored.changedAt(LeadField.LAST_NAME)).contains(T0);
    }

    @Test
    void a_restored_lead_carries_on_counting_versions_and_recognises_no_change() {
        Lead saved = aLead().build();
        Lead restored = Lead.restore(saved.workspaceId(), saved.id(), saved.createdAt(), saved.updatedAt(),
                7, saved.fields(), saved.clearedFields());

        assertThat(restored.update(aLead().input(), T1)).isEmpty();
        assertThat(restored.version()).isEqualTo(7);

        restored.changeStatus(LeadStatus.CONTACTED, T1);
        assertThat(restored.version()).isEqualTo(8);
        assertThat(saved.status()).as("the saved lead is not shared with the restored one").isEqualTo(LeadStatus.NEW);
    }

    // --- asChangesFromNothing

    @Test
    void a_new_lead_brings_every_field_that_has_a_value_as_a_change_from_nothing() {
        Lead lead = aLead().build();

        assertThat(lead.asChangesFromNothing()).containsExactlyInAnyOrder(
                new FieldChange(LeadField.LEAD_ID, Optional.empty(), Optional.of("lead-1")),
                new FieldChange(LeadField.FIRST_NAME, Optional.empty(), Optional.of("Ada")),
                new FieldChange(LeadField.LAST_NAME, Optional.empty(), Optional.of("Lovelace")),
                new FieldChange(LeadField.WORK_EMAIL, Optional.empty(), Optional.of("ada@analytical.example")),
                new FieldChange(LeadField.COMPANY_NAME, Optional.empty(), Optional.of("Analytical Engines Ltd")),
                new FieldChange(LeadField.AGENT_ID, Optional.empty(), Optional.of("agent-7")),
                new FieldChange(LeadField.STATUS, Optional.empty(), Optional.of("NEW")));
    }

    @Test
    void cleared_fields_are_not_brought_as_changes_from_nothing() {
        Lead lead = aLead().build();
        lead.update(input(LeadField.COMPANY_NAME, ""), T1);

        assertThat(lead.asChangesFromNothing()).extracting(FieldChange::field)
                .doesNotContain(LeadField.COMPANY_NAME)
                .contains(LeadField.LAST_NAME);
    }

    // --- views

    @Test
    void the_fields_a_lead_shows_cannot_be_edited_around_its_rules() {
        Lead lead = aLead().build();

        assertThatThrownBy(() -> lead.fields().remove(LeadField.LAST_NAME))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> lead.clearedFields().put(LeadField.CITY, T1))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(lead.lastName()).isEqualTo("Lovelace");
    }

    @Test
    void a_lead_names_its_agent() {
        assertThat(aLead().withAgent("sdr:emea.1").build().agentId()).contains(new AgentId("sdr:emea.1"));
        assertThat(aLead().without(LeadField.AGENT_ID).build().agentId()).isEmpty();
    }

    @Test
    void a_field_state_needs_a_value_and_an_instant() {
        assertThatThrownBy(() -> new Lead.FieldState(null, T0)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Lead.FieldState("x", null)).isInstanceOf(NullPointerException.class);
        assertThat(new Lead.FieldState("x", Instant.EPOCH).value()).isEqualTo("x");
    }
}
