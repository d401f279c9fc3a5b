package io.leadsync.domain.sync;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConversion;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.T2;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rules that bring a pulled CRM record together with a lead, one by one. */
class PullReconciliationTest {
    private static final ConnectionId CONNECTION = new ConnectionId(UUID.fromString(
            "00000000-0000-0000-0000-0000000000c1"));
    private static final List<FieldMapping> MAPPINGS = List.of(FieldMapping.both(LeadField.LEAD_ID, "LeadSync_Lead_ID__c"),
            FieldMapping.both(LeadField.LAST_NAME, "LastName"), FieldMapping.both(LeadField.WORK_EMAIL, "Email"),
            FieldMapping.both(LeadField.CITY, "City"), FieldMapping.both(LeadField.IS_DQL, "LeadSync_Is_DQL__c"),
            FieldMapping.both(LeadField.LEAD_SOURCE, "LeadSource"));
    private static final List<FieldMapping> MERGED = PullReconciliation.mergedFields(MAPPINGS);

    private final Lead ada = aLead().withId("lead-ada").build();
    private final Lead grace = aLead().withId("lead-grace").withEmail("grace@navy.example").build();
    private final Map<LeadId, Lead> byId = Map.of(ada.id(), ada, grace.id(), grace);
    private final Map<String, Lead> byEmail = Map.of("ada@analytical.example", ada, "grace@navy.example", grace);

    @Test
    void the_lead_id_and_the_lead_source_are_not_merged() {
        assertThat(MERGED).extracting(FieldMapping::appField).doesNotContain(LeadField.LEAD_ID, LeadField.LEAD_SOURCE)
                .contains(LeadField.LAST_NAME, LeadField.CITY);
    }

    @Test
    void a_link_wins_over_the_lead_id_and_the_email_the_record_carries() {
        PulledRecord record = record("001A", Map.of(LeadField.LEAD_ID, "lead-grace",
                LeadField.WORK_EMAIL, "grace@navy.example"));

        Optional<PullReconciliation.Match> match = match(record, Optional.of(link(ada, "001A", Map.of())));

        assertThat(match).map(PullReconciliation.Match::lead).contains(ada);
        assertThat(match).map(PullReconciliation.Match::rule).contains(PullReconciliation.MatchRule.LINK);
    }

    @Test
    void without_a_link_the_lead_id_on_the_record_wins_over_its_email() {
        PulledRecord record = record("001A", Map.of(LeadField.LEAD_ID, "lead-grace",
                LeadField.WORK_EMAIL, "ada@analytical.example"));

        Optional<PullReconciliation.Match> match = match(record, Optional.empty());

        assertThat(match).map(PullReconciliation.Match::lead).contains(grace);
        assertThat(match).map(PullReconciliation.Match::rule).contains(PullReconciliation.MatchRule.LEAD_ID);
    }

    @Test
    void a_link_whose_lead_is_gone_falls_through_to_the_email() {
        Lead gone = aLead().withId("lead-gone").build();
        PulledRecord record = record("001A", Map.of(LeadField.WORK_EMAIL, "grace@navy.example"));

        Optional<PullReconciliation.Match> match = match(record, Optional.of(link(gone, "001A", Map.of())));

        assertThat(match).map(PullReconciliation.Match::lead).contains(grace);
        assertThat(match).map(PullReconciliation.Match::rule).contains(PullReconciliation.MatchRule.WORK_EMAIL);
        assertThat(PullReconciliation.linkedToAnother(Optional.of(link(gone, "001A", Map.of())), grace.id()))
                .contains(gone.id());
    }

    @Test
    void an_invalid_lead_id_on_the_record_is_ignored_and_an_unknown_email_matches_nothing() {
        PulledRecord record = record("001A", Map.of(LeadField.LEAD_ID, " not a lead id ",
                LeadField.WORK_EMAIL, "nobody@else.example"));

        assertThat(PullReconciliation.carriedLeadId(record)).isEmpty();
        assertThat(match(record, Optional.empty())).isEmpty();
    }

    @Test
    void an_unchecked_salesforce_checkbox_is_no_edit_of_a_lead_without_the_flag_but_a_hubspot_false_is() {
        PulledRecord record = record("001A", Map.of(LeadField.LAST_NAME, ada.lastName(), LeadField.IS_DQL, "false"));

        assertThat(PullReconciliation.edits(record, ada, CrmKind.SALESFORCE)).doesNotContainKey(LeadField.IS_DQL);
        assertThat(PullReconciliation.edits(record, ada, CrmKind.HUBSPOT)).containsEntry(LeadField.IS_DQL, "false");
        Lead flagged = aLead().withId("lead-dql").with(LeadField.IS_DQL, "true").build();
        assertThat(PullReconciliation.edits(record, flagged, CrmKind.SALESFORCE)).containsEntry(LeadField.IS_DQL,
                "false");
    }

    @Test
    void a_rep_edit_is_taken_and_the_base_moves_to_it() {
        Map<LeadField, String> base = linkedBase(ada);
        PulledRecord record = record("001A", values(ada, LeadField.CITY, "Paris"));

        PullReconciliation.Merged merged = merge(record, ada, Optional.of(link(ada, "001A", base)));

        assertThat(merged.merge().toTake()).containsEntry(LeadField.CITY, "Paris");
        assertThat(merged.linkBase()).containsEntry(LeadField.CITY, "Paris").containsEntry(LeadField.LEAD_ID,
                "lead-ada");
        assertThat(merged.stamped()).isTrue();
        assertThat(merged.owesPush()).isFalse();
    }

    @Test
    void a_field_the_pull_does_not_merge_keeps_its_base_so_the_next_push_does_not_send_it_again() {
        Map<LeadField, String> base = new EnumMap<>(linkedBase(ada));
        base.put(LeadField.LEAD_SOURCE, "Acme SDR");
        PulledRecord record = record("001A", values(ada, LeadField.CITY, "Paris"));

        PullReconciliation.Merged merged = merge(record, ada, Optional.of(link(ada, "001A", base)));

        assertThat(merged.linkBase()).containsEntry(LeadField.LEAD_SOURCE, "Acme SDR")
                .containsEntry(LeadField.CITY, "Paris");
    }

    @Test
    void a_value_owed_to_the_crm_keeps_its_old_base_until_the_push_lands() {
        Lead changed = aLead().withId("lead-ada").with(LeadField.CITY, "London").build();
        Map<LeadField, String> base = new EnumMap<>(linkedBase(changed));
        base.put(LeadField.CITY, "Leeds");
        PulledRecord record = record("001A", values(changed, LeadField.CITY, "Leeds"));

        PullReconciliation.Merged merged = merge(record, changed, Optional.of(link(changed, "001A", base)));

        assertThat(merged.merge().toPush()).containsEntry(LeadField.CITY, Optional.of("London"));
        assertThat(merged.linkBase()).containsEntry(LeadField.CITY, "Leeds");
        assertThat(merged.owesPush()).isTrue();
    }

    @Test
    void a_value_owed_that_had_no_base_leaves_none() {
        Lead changed = aLead().withId("lead-ada").with(LeadField.CITY, "London").build();
        PulledRecord record = record("001A", values(changed, LeadField.CITY, null));

        PullReconciliation.Merged merged = merge(record, changed, Optional.of(link(changed, "001A",
                linkedBase(aLead().withId("lead-ada").build()))));

        assertThat(merged.merge().toPush()).containsKey(LeadField.CITY);
        assertThat(merged.linkBase()).doesNotContainKey(LeadField.CITY);
    }

    @Test
    void a_record_matched_by_email_is_unstamped_and_owes_the_lead_id() {
        PulledRecord record = record("00QREP", Map.of(LeadField.LAST_NAME, ada.lastName(),
                LeadField.WORK_EMAIL, "ada@analytical.example"));

        PullReconciliation.Match match = match(record, Optional.empty()).orElseThrow();
        PullReconciliation.Merged merged = PullReconciliation.merge(record, match, Optional.empty(),
                CrmKind.SALESFORCE, MERGED, SyncSettings.defaults());

        assertThat(merged.rule()).isEqualTo(PullReconciliation.MatchRule.WORK_EMAIL);
        assertThat(merged.stamped()).isFalse();
        assertThat(merged.linkBase()).doesNotContainKey(LeadField.LEAD_ID);
        assertThat(merged.owesPush()).isTrue();
    }

    @Test
    void a_record_carrying_the_lead_id_is_stamped_without_a_link() {
        PulledRecord record = record("00QREP", values(ada, LeadField.LEAD_ID, "lead-ada"));

        PullReconciliation.Merged merged = merge(record, ada, Optional.empty());

        assertThat(merged.stamped()).isTrue();
        assertThat(merged.linkBase()).containsEntry(LeadField.LEAD_ID, "lead-ada");
    }

    @Test
    void the_base_of_a_link_to_another_lead_is_not_used() {
        Map<LeadField, String> othersBase = new EnumMap<>(linkedBase(grace));
        othersBase.put(LeadField.CITY, "Paris");
        PulledRecord record = record("001A", values(ada, LeadField.CITY, "Paris"));

        PullReconciliation.Merged merged = merge(record, ada, Optional.of(link(grace, "001A", othersBase)));

        // Without a base, Ada's empty city against the CRM's Paris is a change on one side only: the CRM's.
        assertThat(merged.merge().toTake()).containsEntry(LeadField.CITY, "Paris");
        assertThat(merged.stamped()).isFalse();
    }

    @Test
    void a_conflict_is_counted() {
        Lead changed = aLead().withId("lead-ada").with(LeadField.CITY, "London").build();
        Map<LeadField, String> base = new EnumMap<>(linkedBase(changed));
        base.put(LeadField.CITY, "Leeds");
        PulledRecord record = record("001A", values(changed, LeadField.CITY, "Paris"));

        PullReconciliation.Merged merged = merge(record, changed, Optional.of(link(changed, "001A", base)));

        assertThat(merged.conflicts()).isEqualTo(1);
    }

    @Test
    void a_new_lead_takes_the_id_on_the_record_or_one_made_of_the_crm_and_record_id() {
        PulledRecord carrying = record("00Q1", Map.of(LeadField.LEAD_ID, "agent-lead-9",
                LeadField.LAST_NAME, "Hopper", LeadField.WORK_EMAIL, "grace@navy.example"));
        PulledRecord bare = record("00Q2", Map.of(LeadField.LAST_NAME, "Hopper"));

        PullReconciliation.NewLead stamped = PullReconciliation.newLead(WORKSPACE, carrying, CrmKind.SALESFORCE, T2);
        PullReconciliation.NewLead unstamped = PullReconciliation.newLead(WORKSPACE, bare, CrmKind.HUBSPOT, T2);

        assertThat(stamped.lead().id()).isEqualTo(new LeadId("agent-lead-9"));
        assertThat(stamped.stamped()).isTrue();
        assertThat(stamped.linkBase()).containsEntry(LeadField.LEAD_ID, "agent-lead-9")
                .containsEntry(LeadField.LAST_NAME, "Hopper");
        assertThat(unstamped.lead().id()).isEqualTo(new LeadId("hubspot:00Q2"));
        assertThat(unstamped.stamped()).isFalse();
        assertThat(unstamped.linkBase()).doesNotContainKey(LeadField.LEAD_ID);
    }

    @Test
    void a_record_that_makes_no_valid_lead_is_refused() {
        PulledRecord noName = record("00Q3", Map.of(LeadField.WORK_EMAIL, "not an email"));

        assertThatThrownBy(() -> PullReconciliation.newLead(WORKSPACE, noName, CrmKind.SALESFORCE, T2))
                .isInstanceOf(InvalidLeadException.class);
    }

    @Test
    void a_conversion_moves_the_link_to_the_contact_once() {
        CrmConversion conversion = new CrmConversion("00QA", "003C", Optional.of("001ACC"), Optional.empty());
        PulledRecord converted = new PulledRecord("00QA", Map.of(), T2, Optional.of(conversion));
        CrmLink link = link(ada, "00QA", linkedBase(ada));

        Optional<CrmLink> moved = PullReconciliation.conversion(converted, Optional.of(link), T2);

        assertThat(moved).map(CrmLink::crmRecordId).contains("003C");
        assertThat(moved.orElseThrow().lastSynced()).isEmpty();
        assertThat(PullReconciliation.conversion(converted, moved, T2)).isEmpty();
        assertThat(PullReconciliation.conversion(converted, Optional.empty(), T2)).isEmpty();
        assertThat(PullReconciliation.conversion(record("00QA", Map.of()), Optional.of(link), T2)).isEmpty();
    }

    private Optional<PullReconciliation.Match> match(PulledRecord record, Optional<CrmLink> link) {
        return PullReconciliation.match(record, link, id -> Optional.ofNullable(byId.get(id)),
                email -> Optional.ofNullable(byEmail.get(email)));
    }

    private static PullReconciliation.Merged merge(PulledRecord record, Lead lead, Optional<CrmLink> link) {
        return PullReconciliation.merge(record, new PullReconciliation.Match(lead, PullReconciliation.MatchRule.LINK),
                link, CrmKind.SALESFORCE, MERGED, SyncSettings.defaults());
    }

    /** The base of a lead synced as it is, the record stamped with its id. */
    private static Map<LeadField, String> linkedBase(Lead lead) {
        Map<LeadField, String> base = new EnumMap<>(LeadField.class);
        for (FieldMapping mapping : MERGED) {
            lead.value(mapping.appField()).ifPresent(v -> base.put(mapping.appField(), v));
        }
        base.put(LeadField.LEAD_ID, lead.id().value());
        return base;
    }

    /** The CRM holding the lead as it is, with one field set ({@code null}: no value). */
    private static Map<LeadField, String> values(Lead lead, LeadField field, String value) {
        Map<LeadField, String> values = new EnumMap<>(LeadField.class);
        for (FieldMapping mapping : MERGED) {
            lead.value(mapping.appField()).ifPresent(v -> values.put(mapping.appField(), v));
        }
        values.put(LeadField.IS_DQL, "false");
        if (value == null) {
            values.remove(field);
        } else {
            values.put(field, value);
        }
        return values;
    }

    private static PulledRecord record(String id, Map<LeadField, String> values) {
        Map<LeadField, Optional<String>> optional = new EnumMap<>(LeadField.class);
        values.forEach((field, value) -> optional.put(field, Optional.of(value)));
        return new PulledRecord(id, optional, T2, Optional.empty());
    }

    private static CrmLink link(Lead lead, String recordId, Map<LeadField, String> base) {
        return new CrmLink(WORKSPACE, CONNECTION, lead.id(), recordId, base, Optional.of(T0), T0, false);
    }

}
