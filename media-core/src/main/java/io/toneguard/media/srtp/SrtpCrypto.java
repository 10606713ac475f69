package io.toneguard.media.srtp;

import java.util.logging.Level;
import org.jitsi.srtp.SrtpContextFactory;
import org.jitsi.srtp.crypto.Aes;
import org.jitsi.utils.logging2.Logger;
import org.jitsi.utils.logging2.LoggerImpl;

/**
 * The one place that configures jitsi-srtp: pure-Java SunJCE AES (faster here than its native
 * OpenSSL and BouncyCastle at RTP sizes, see DEPENDENCIES.md), chosen once at class init, and the
 * context factories built from master keys.
 */
final class SrtpCrypto {
    static final String AES_FACTORY = "org.jitsi.srtp.crypto.Aes$SunJCECipherFactory";

    /** jitsi logs through java.util.logging; its debug lines name SSRCs and indexes, never keys. */
    private static final Logger LOGGER = new LoggerImpl("io.toneguard.media.srtp.jitsi", Level.WARNING);

    static {
        Aes.setFactoryClassName(AES_FACTORY);
    }

    private SrtpCrypto() {
    }

    /** Runs the class initialiser (the AES provider choice) before any other jitsi-srtp use. */
    static void init() {
        // the static block above does the work
    }

    /** A context factory for one direction; jitsi copies the key, so {@code key} stays the caller's. */
    static SrtpContextFactory factory(boolean sender, SrtpMasterKey key) {
        SrtpSuite suite = key.suite();
        return new SrtpContextFactory(sender, key.key(), key.salt(), suite.srtpPolicy(), suite.srtcpPolicy(), LOGGER);
    }
}
