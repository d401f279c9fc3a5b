/** Starts LeadSync: main, the embedded PostgreSQL default, configuration, and the factories that wire the core. */
package io.leadsync.bootstrap;
