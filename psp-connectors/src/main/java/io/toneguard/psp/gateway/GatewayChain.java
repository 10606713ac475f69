package io.toneguard.psp.gateway;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The one place where the stack around a gateway call is assembled, top to bottom:
 * idempotency key, audit, retries (only where the PSP documents them safe), then the gateway.
 */
public final class GatewayChain {
    private final PaymentGateway gateway;
    private final List<GatewayInterceptor> interceptors;

    private GatewayChain(PaymentGateway gateway, List<GatewayInterceptor> interceptors) {
        this.gateway = gateway;
        this.interceptors = List.copyOf(interceptors);
    }

    /**
     * The standard stack.
     *
     * @param maxAttempts attempts in all (1 = no retry)
     * @param backoff pause before a retry
     * @param audit receives one event per attempt; must be fast and never throw
     */
    public static GatewayChain standard(PaymentGateway gateway, int maxAttempts, Duration backoff, Consumer<AuditEvent> audit) {
        List<GatewayInterceptor> list = new ArrayList<>();
        list.add(idempotencyKey());
        list.add(retry(maxAttempts, backoff));
        list.add(audit(audit));
        return new GatewayChain(gateway, list);
    }

    public PaymentGateway gateway() {
        return gateway;
    }

    /** Runs {@code request} through the interceptors and the gateway. Never throws for PSP problems. */
    public PaymentResult execute(GatewayRequest request) {
        if (!gateway.supports(request.operation())) {
            return new PaymentResult.InvalidRequest(gateway.name() + " does not support " + request.operation());
        }
        return new RealChain(0, request).proceed(request);
    }

    private final class RealChain implements GatewayInterceptor.Chain {
        private final int index;
        private final GatewayRequest request;

        RealChain(int index, GatewayRequest request) {
            this.index = index;
            this.request = request;
        }

        @Override
        public GatewayRequest request() {
            return request;
        }

        @Override
        public PaymentGateway gateway() {
            return gateway;
        }

        @Override
        public PaymentResult proceed(GatewayRequest r) {
            if (index == interceptors.size()) {
                try {
                    return gateway.execute(r);
                } catch (RuntimeException e) {
                    // a connector bug must not take the call down; the message is the type only
                    return new PaymentResult.GatewayError("internal error (" + e.getClass().getSimpleName() + ")", false);
                }
            }
            return interceptors.get(index).intercept(new RealChain(index + 1, r));
        }
    }

    /** Gives the attempt an idempotency key if it has none; retries below reuse it. */
    static GatewayInterceptor idempotencyKey() {
        return chain -> {
            GatewayRequest r = chain.request();
            if (r.idempotencyKey() == null || r.idempotencyKey().isEmpty()) {
                r = r.withIdempotencyKey(UUID.randomUUID().toString());
            }
            return chain.proceed(r);
        };
    }

    /** Retries timeouts and retryable errors, with the same request (same key), where the gateway says it is safe. */
    static GatewayInterceptor retry(int maxAttempts, Duration backoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        return chain -> {
            PaymentResult result = null;
            for (int attempt = 1; attempt <= maxAttempts; attempt++) {
                AttemptHolder.set(attempt);
                result = chain.proceed(chain.request());
                boolean transientFailure = result.isTransient();
                if (!transientFailure || !chain.gateway().retrySafe(chain.request(), result) || attempt == maxAttempts) {
                    return result;
                }
                try {
                    Thread.sleep(backoff.toMillis() * attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return result;
                }
            }
            return result;
        };
    }

    /** One audit event per attempt: gateway, operation, reference, key, outcome, time taken. */
    static GatewayInterceptor audit(Consumer<AuditEvent> sink) {
        return chain -> {
            long t0 = System.nanoTime();
            PaymentResult result = chain.proceed(chain.request());
            GatewayRequest r = chain.request();
            String outcome = result.getClass().getSimpleName();
            String tx = result instanceof PaymentResult.Approved a ? a.transactionId() : null;
            try {
                sink.accept(new AuditEvent(Instant.now(), chain.gateway().name(), r.operation(), r.reference(),
                        r.idempotencyKey(), outcome, tx, AttemptHolder.get(), Duration.ofNanos(System.nanoTime() - t0)));
            } catch (RuntimeException ignored) {
                // an audit sink must never break a payment
            }
            return result;
        };
    }

    /** The attempt number of the current thread's call, for the audit event. */
    private static final class AttemptHolder {
        private static final ThreadLocal<Integer> ATTEMPT = ThreadLocal.withInitial(() -> 1);

        static void set(int a) {
            ATTEMPT.set(a);
        }

        static int get() {
            return ATTEMPT.get();
        }
    }
}
