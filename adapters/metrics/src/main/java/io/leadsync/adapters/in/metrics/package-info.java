/** IN: {@code /metrics} in Prometheus's text format, for an operator holding the metrics token (ADR 0052). */
package io.leadsync.adapters.in.metrics;
