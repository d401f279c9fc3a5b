package io.leadsync.sandbox.hubspot;

/**
 * A user of the seeded portal. {@code propertySettings} is HubSpot's "Edit property settings" permission: without
 * it the user's tokens cannot create properties or property groups, whatever scopes the app holds.
 */
record PortalUser(long id, String email, String password, boolean superAdmin, boolean propertySettings) {
}
