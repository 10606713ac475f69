package io.toneguard.server.capture;

import io.toneguard.psp.gateway.GatewayRequest;
import io.toneguard.psp.gateway.PaymentResult;
import io.toneguard.server.records.PaymentRecords;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What every capture shares: where events go, the payment gateway (with its chain) and the thread
 * it is called on, the payment records, the timer thread and the clock.
 */
public record CaptureContext(Consumer<CaptureEvent> events, Function<GatewayRequest, PaymentResult> gateway,
        Executor paymentExecutor, PaymentRecords records, ScheduledExecutorService timers, Clock clock) {
}
