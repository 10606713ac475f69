/** Playing prompts into a call: the player's queue of clips, and the agent -> caller stage that plays them, with barge-in. */
package io.toneguard.ivr.play;
