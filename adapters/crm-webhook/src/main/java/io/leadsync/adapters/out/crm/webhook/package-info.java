/**
 * The outbound adapter for push-only connections: signed webhook requests (JSON or form) to the customer's endpoint,
 * and form posts to Salesforce's Web-to-Lead servlet, one lead per request.
 */
package io.leadsync.adapters.out.crm.webhook;
