/** Administer: users, members, sessions, API keys, workspaces, audit, overview. */
package io.leadsync.application.port.in.administer;
