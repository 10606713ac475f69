/** The agent API: REST and WebSocket under /api/v1, bearer-token authentication, and the agent desktop page. */
package io.toneguard.server.api;
