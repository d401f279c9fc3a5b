package io.leadsync.sandbox.hubspot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The portal's email index must follow every write, or an upsert by email makes a second contact. */
class UniqueIndexTest {

    private final CrmStore store = new CrmStore(Clock.systemUTC());

    @Test
    void a_changed_email_is_found_under_its_new_value_and_frees_the_old_one() {
        CrmStore.StoredObject ada = store.create(ObjectType.CONTACTS, Map.of("email", "ada@old.example"));
        assertThat(store.findByUnique(ObjectType.CONTACTS, "email", "ada@old.example")).containsSame(ada);

        store.update(ObjectType.CONTACTS, ada, Map.of("email", "ada@new.example"));

        assertThat(store.findByUnique(ObjectType.CONTACTS, "email", "ADA@new.example ")).containsSame(ada);
        assertThat(store.findByUnique(ObjectType.CONTACTS, "email", "ada@old.example")).isEmpty();
        assertThat(store.conflict(ObjectType.CONTACTS, Map.of("email", "ada@new.example"), null)).isNotNull();
    }

    @Test
    void an_archived_contact_frees_its_email_and_a_merge_keeps_the_absorbed_one_taken() {
        CrmStore.StoredObject grace = store.create(ObjectType.CONTACTS, Map.of("email", "grace@example.com"));
        store.archive(grace);
        assertThat(store.findByUnique(ObjectType.CONTACTS, "email", "grace@example.com")).isEmpty();

        CrmStore.StoredObject primary = store.create(ObjectType.CONTACTS, Map.of("email", "a@example.com"));
        CrmStore.StoredObject merged = store.create(ObjectType.CONTACTS, Map.of("email", "b@example.com"));
        CrmStore.StoredObject result = store.merge(ObjectType.CONTACTS, primary, merged);

        assertThat(store.findByUnique(ObjectType.CONTACTS, "email", "a@example.com")).containsSame(result);
        assertThat(store.conflict(ObjectType.CONTACTS, Map.of("email", "b@example.com"), null))
                .as("the absorbed email stays taken").isNotNull();
    }

    @Test
    void associations_are_found_from_either_end_and_leave_with_a_removed_record() {
        CrmStore.StoredObject contact = store.create(ObjectType.CONTACTS, Map.of("email", "c@example.com"));
        CrmStore.StoredObject company = store.create(ObjectType.COMPANIES, Map.of("name", "Acme"));
        store.associate(contact.id, company.id);
        assertThat(store.associated(ObjectType.CONTACTS, contact.id)).contains(company.id);
        assertThat(store.associated(ObjectType.COMPANIES, company.id)).containsExactly(contact.id);

        store.archive(company);

        assertThat(store.associated(ObjectType.CONTACTS, contact.id)).doesNotContain(company.id);
    }
}
