/**
 * JMH benchmarks of the hubspot adapter's package-private mapper, placed in its package to reach it (built only with
 * {@code -Pjmh}; the adapter itself lives in adapters/crm-hubspot).
 */
package io.leadsync.adapters.out.crm.hubspot;
