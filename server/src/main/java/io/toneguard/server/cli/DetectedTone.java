package io.toneguard.server.cli;

import io.toneguard.dtmf.DtmfDigit;

/**
 * A DTMF tone found in a file. The digit is card data: {@link DtmfDigit#toString()} is redacted, so
 * this record's {@code toString()} is too.
 *
 * @param digit the key pressed
 * @param onsetMillis where the tone starts, from the start of the file
 * @param durationMillis how long it lasts
 */
public record DetectedTone(DtmfDigit digit, long onsetMillis, long durationMillis) {
}
