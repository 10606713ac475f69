/** G.711 µ-law and A-law companding by lookup table, bit-exact with the ITU-T G.191 reference. */
package io.toneguard.media.g711;
