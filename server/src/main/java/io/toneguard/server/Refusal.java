package io.toneguard.server;

/**
 * A request the product refuses, with why (its {@link Kind}) and a message fit for the agent or the
 * operator (never card data). The domain (captures, the IVR, calls) throws it and knows nothing of
 * HTTP; the agent API maps each kind to a status (api.ApiGuard).
 */
public final class Refusal extends RuntimeException {
    /** Why a request is refused. */
    public enum Kind {
        /** The request itself is wrong (a missing or bad value). */
        INVALID,
        /** What it names does not exist, or is not the caller's to see. */
        NOT_FOUND,
        /** Not allowed in the current state (or a duplicate). */
        CONFLICT,
        /** Something the request needs is down for now; nothing was done, trying again may work. */
        UNAVAILABLE
    }

    private final Kind kind;

    public Refusal(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public static Refusal invalid(String message) {
        return new Refusal(Kind.INVALID, message);
    }

    public static Refusal notFound(String message) {
        return new Refusal(Kind.NOT_FOUND, message);
    }

    public static Refusal conflict(String message) {
        return new Refusal(Kind.CONFLICT, message);
    }

    public static Refusal unavailable(String message) {
        return new Refusal(Kind.UNAVAILABLE, message);
    }

    public Kind kind() {
        return kind;
    }
}
