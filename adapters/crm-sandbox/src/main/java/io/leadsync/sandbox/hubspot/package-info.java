/**
 * A stand-in HubSpot portal ("Acme HubSpot") on HubSpot's own paths and wire formats: OAuth pages and token
 * endpoints, CRM v3 objects, properties, search and v4 associations. Contract: shared/crm-api/HUBSPOT.md.
 */
package io.leadsync.sandbox.hubspot;
