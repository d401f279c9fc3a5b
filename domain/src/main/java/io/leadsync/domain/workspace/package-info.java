/** Workspaces (tenants) and the API keys their agents use. */
package io.leadsync.domain.workspace;
