package io.toneguard.server.ivr;

import io.toneguard.dtmf.DtmfDigit;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.server.capture.CaptureField;
import java.util.List;

/** What a {@link PaymentFlow} makes happen: prompts, field entry in the capture, payment, the end. */
interface FlowActions {
    /**
     * The amount is settled: the capture for it is opened now unless it already was (a flow sent
     * by an agent has its capture from the start).
     *
     * @return false if no capture could be opened (the flow then ends, apologising)
     */
    boolean open(Amount amount);

    /** Plays these prompts to the caller (replacing anything playing); the flow hears {@link PaymentFlow#played()} after. */
    void play(List<String> promptIds);

    /** Barge-in: stops the prompt playing now. */
    void stopPrompt();

    /** Asks the capture for a field (it wipes what the field held and takes the next digits). */
    void askFor(CaptureField field);

    /** Hands a key to the capture's field being entered. */
    void enter(DtmfDigit digit);

    /** Arms (again) the no-input timer of a question; {@link PaymentFlow#noInput()} when it runs out. */
    void armNoInputTimer();

    /** Arms (again) the pause allowed between keyed digits, replacing the no-input timer; {@link PaymentFlow#digitTimeout()} after. */
    void armDigitTimer();

    /** Disarms the question's timer, whichever was armed. */
    void disarmTimer();

    /** Submits the payment. */
    void process();

    /** The flow is over: hand the caller back. */
    void finished(FlowOutcome outcome);
}
