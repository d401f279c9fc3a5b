/**
 * A stand-in Salesforce org ("Acme Corp") that speaks Salesforce's real OAuth and REST wire formats, with a control
 * API under {@code /__sandbox/} for tests and demo mode. The SOQL engine lives in the {@code soql} sub-package.
 */
package io.leadsync.sandbox.salesforce;
