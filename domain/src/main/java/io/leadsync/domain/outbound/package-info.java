/**
 * Where LeadSync may send a customer's data: the outbound-address policy every request to a URL a customer chose
 * (webhooks, alert chat hooks) obeys, so no such URL reaches LeadSync's own host or private network.
 */
package io.leadsync.domain.outbound;
