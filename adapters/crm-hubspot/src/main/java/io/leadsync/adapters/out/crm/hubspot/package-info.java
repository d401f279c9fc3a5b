/**
 * The outbound HubSpot adapter: OAuth 2.0 with PKCE, token info for the identity, the contact properties LeadSync
 * needs and batch upserts of contacts by LeadSync's unique lead-id property, in HubSpot's own wire format (see
 * ../shared/crm-api/HUBSPOT.md).
 */
package io.leadsync.adapters.out.crm.hubspot;
