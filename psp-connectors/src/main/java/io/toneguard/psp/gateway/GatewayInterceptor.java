package io.toneguard.psp.gateway;

/**
 * One concern around every gateway call (OkHttp's Interceptor): it may look at or change the
 * request, call {@link Chain#proceed} (exactly once, or more for retries), and look at the result.
 */
@FunctionalInterface
public interface GatewayInterceptor {
    PaymentResult intercept(Chain chain);

    /** The rest of the chain. */
    interface Chain {
        GatewayRequest request();

        /** The gateway being called. */
        PaymentGateway gateway();

        PaymentResult proceed(GatewayRequest request);
    }
}
