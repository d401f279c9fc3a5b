/**
 * OUT: the CRM ports and the health store wrapped so every CRM call, rate limit, token refresh failure and delivery
 * outcome is counted in Micrometer, without the core knowing about metrics.
 */
package io.leadsync.adapters.out.metrics;
