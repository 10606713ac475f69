/** Test utilities shared with other modules through media-core's test jar. */
package io.toneguard.media.testing;
