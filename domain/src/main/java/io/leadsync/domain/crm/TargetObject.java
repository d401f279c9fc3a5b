package io.leadsync.domain.crm;

/**
 * Which CRM object a lead becomes: a Lead, a Contact with its Account (HubSpot: contact with company), or a Salesforce
 * Person Account (an Account that is an individual, for B2C orgs that have Person Accounts enabled).
 */
public enum TargetObject {
    LEAD,
    CONTACT,
    PERSON_ACCOUNT
}
