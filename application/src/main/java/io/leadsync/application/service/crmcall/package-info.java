/**
 * How every capability calls a CRM: one connection's calls within a run ({@code ConnectionCalls}: the access token
 * refreshed ahead of expiry and once after a refusal, through {@code TokenRefresher}), each call taken from the
 * connection's daily budget and pace ({@code CallBudget}), and the outcome named rather than thrown
 * ({@code CallOutcome}). It depends on the outbound ports only, so delivery, pull, connect and configure share it
 * without depending on each other.
 */
package io.leadsync.application.service.crmcall;
