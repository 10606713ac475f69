/** The runnable product: command line, configuration and wiring of the modules. */
package io.toneguard.server;
