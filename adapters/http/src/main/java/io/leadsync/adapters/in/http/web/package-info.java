/**
 * IN: the admin web UI, server-rendered pages (Thymeleaf through Micronaut Views, htmx for live parts) for a
 * workspace's users: login, integrations, connections, activity, errors, leads and settings. Every page acts in the
 * signed-in user's current workspace, as their role there allows.
 */
package io.leadsync.adapters.in.http.web;
