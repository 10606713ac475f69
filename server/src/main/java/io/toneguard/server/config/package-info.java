/** Configuration: embedded defaults, YAML overrides, strict validation naming the bad key. */
package io.toneguard.server.config;
