package io.toneguard.sip;

/**
 * Hears what happens to calls. Methods are called on SIP threads; implementations must be fast and
 * must not throw. Digits are RFC 4733 event codes (0-15): card data, never to be logged.
 */
public interface CallObserver {
    CallObserver NONE = new CallObserver() { };

    default void callStarted(CallInfo call) {
    }

    default void callAnswered(CallInfo call) {
    }

    default void callEnded(CallInfo call, String reason) {
    }

    /** A digit the caller sent as SIP INFO (application/dtmf-relay or application/dtmf). */
    default void infoDigit(CallInfo call, int event, long rtpTimestampEstimate) {
    }
}
