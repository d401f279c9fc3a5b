/**
 * JMH benchmarks of the salesforce adapter's package-private mapper, placed in its package to reach it (built only with
 * {@code -Pjmh}; the adapter itself lives in adapters/crm-salesforce).
 */
package io.leadsync.adapters.out.crm.salesforce;
