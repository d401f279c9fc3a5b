package io.leadsync.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * What an empty installation creates on its first start ({@code leadsync.first-start.*}).
 *
 * @param enabled       whether to create the demo workspace and key at all
 * @param workspaceName the workspace's name
 * @param productName   the product name its leads carry as lead source
 * @param ownerEmail    the email of the admin UI's first user, owner of that workspace
 * @param ownerPassword that user's password; unset: one is generated and printed once on the console
 */
@ConfigurationProperties("leadsync.first-start")
record FirstStartConfiguration(@Bindable(defaultValue = "true") boolean enabled,
                               @Bindable(defaultValue = "Demo workspace") String workspaceName,
                               @Bindable(defaultValue = "LeadSync Demo") String productName,
                               @Bindable(defaultValue = "owner@leadsync.local") String ownerEmail,
                               @Nullable String ownerPassword) {
}
