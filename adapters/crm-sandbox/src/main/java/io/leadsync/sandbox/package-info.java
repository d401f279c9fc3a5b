/**
 * Command-line entry point that runs the CRM sandbox on its own, outside LeadSync.
 */
package io.leadsync.sandbox;
