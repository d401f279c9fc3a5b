/**
 * Whether each connection really syncs: the outcomes of its last pushes and pulls, its health derived from them, and
 * when that health is worth an alert to the workspace's admins.
 */
package io.leadsync.domain.health;
