/**
 * The outbound Salesforce adapter: OAuth 2.0 web-server flow with PKCE, identity, and the REST calls LeadSync makes,
 * in Salesforce's own wire format (see ../shared/crm-api/SALESFORCE.md).
 */
package io.leadsync.adapters.out.crm.salesforce;
