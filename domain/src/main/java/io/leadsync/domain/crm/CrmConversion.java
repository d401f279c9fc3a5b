package io.leadsync.domain.crm;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * A rep converted the CRM record a lead was linked to (a Salesforce Lead) into a Contact and an Account. The Lead is
 * read-only from then on, so the lead lives on in the Contact.
 *
 * @param convertedRecordId the record that was converted (the Lead)
 * @param contactId         the Contact the lead became; LeadSync writes the lead there from now on
 * @param accountId         the Account the Contact belongs to, when the CRM said
 * @param convertedOn       the day of the conversion, when the CRM said
 */
public record CrmConversion(String convertedRecordId, String contactId, Optional<String> accountId,
                            Optional<LocalDate> convertedOn) {
    public CrmConversion {
        if (convertedRecordId == null || convertedRecordId.isBlank()) {
            throw new IllegalArgumentException("a conversion names the record that was converted");
        }
        if (contactId == null || contactId.isBlank()) {
            throw new IllegalArgumentException("a conversion names the Contact the lead became");
        }
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(convertedOn, "convertedOn");
    }
}
