/** Card and bank account data in zeroable buffers, validation and masked display. */
package io.toneguard.psp.card;
