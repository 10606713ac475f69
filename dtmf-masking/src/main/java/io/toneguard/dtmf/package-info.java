/** DTMF digits and their listeners: what the detectors report and the capture session consumes. */
package io.toneguard.dtmf;
