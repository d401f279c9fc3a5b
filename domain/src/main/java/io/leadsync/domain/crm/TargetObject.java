package io.leadsync.domain.crm;

/** Which CRM object a lead becomes: a Lead, or a Contact with its Account (HubSpot: contact with company). */
public enum TargetObject {
    LEAD,
    CONTACT
}
