/** Capture: agents write and read leads (agent API, MCP). */
package io.leadsync.application.service.capture;
