package io.toneguard.server.api;

import io.toneguard.server.Refusal;
import io.toneguard.server.capture.CaptureEvent;
import io.toneguard.server.capture.CaptureField;
import io.toneguard.server.capture.CaptureView;
import io.toneguard.server.capture.StartCapture;
import io.toneguard.server.records.PaymentRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * Everything the agent API can do, behind HTTP: the server implements it over calls, captures and
 * records. Every method enforces that the principal may access the call (else
 * {@link Refusal#notFound}); state conflicts are {@link Refusal#conflict}. The API maps refusals to
 * HTTP statuses; the desk knows nothing of HTTP.
 */
public interface AgentDesk {
    /** The principal's calls in progress (an admin's: all). */
    List<CallView> calls(Principal who);

    /** Binds a call to an agent (admin only; the HTTP layer checks). */
    CallView bind(Principal who, String callId, String agent);

    CaptureView startCapture(Principal who, String callId, StartCapture request);

    /**
     * Sends the caller of the principal's call to the payment IVR: the flow fills a capture (whose
     * view this is) and hands the caller back when it ends.
     */
    CaptureView startIvr(Principal who, String callId, StartCapture request);

    CaptureView capture(Principal who, String captureId);

    /** Asks the caller for a field (again): it becomes the field being entered. */
    CaptureView requestField(Principal who, String captureId, CaptureField field);

    CaptureView clearField(Principal who, String captureId, CaptureField field);

    CaptureView cancel(Principal who, String captureId);

    /** Submits the payment; answers at once with state PROCESSING, the outcome follows as events. */
    CaptureView process(Principal who, String captureId);

    /** Newest first (an admin's: everyone's). */
    List<PaymentRecord> payments(Principal who, int limit);

    /**
     * Streams the events of the principal's calls until the returned handle is closed. The listener
     * is called on capture threads: it must be fast and must not throw.
     */
    AutoCloseable subscribe(Principal who, Consumer<CaptureEvent> listener);
}
