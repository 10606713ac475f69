/** Payment records: one per payment attempt, masked card only, in an embedded database or PostgreSQL. */
package io.toneguard.server.records;
