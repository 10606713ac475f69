/** Implementation helpers of the connectors (HTTP, request bodies without Strings); not API. */
package io.toneguard.psp.internal;
