/** IN: the MCP server at {@code /mcp}: agents' tools, each a thin adapter over an agent use case (ADR 0049). */
package io.leadsync.adapters.in.mcp;
