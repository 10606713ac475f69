/** RTP test streams: pcap files for sipp to play, and a loopback RTP capture. */
package io.toneguard.harness.rtp;
