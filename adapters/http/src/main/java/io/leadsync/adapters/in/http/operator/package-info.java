/** The operator API: workspaces for the customers of a host product, behind the operator's token (ADR 0047). */
package io.leadsync.adapters.in.http.operator;
