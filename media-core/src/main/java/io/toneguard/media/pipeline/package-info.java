/** The media stage pipeline: small transform, filter, observer and sink stages with per-stage counters. */
package io.toneguard.media.pipeline;
