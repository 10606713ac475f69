package io.toneguard.server.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.toneguard.server.capture.CaptureField;
import io.toneguard.server.capture.CaptureView;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The REST routes under /api/v1: each one reads its input, asks the {@link AgentDesk} and writes JSON. */
final class AgentRoutes {
    static final String BASE = "/api/v1";
    static final String OPENAPI_RESOURCE = "/io/toneguard/server/api/openapi.json";
    private static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 500;

    private final AgentDesk desk;
    private final ApiJson json;
    private final String openApi;

    AgentRoutes(AgentDesk desk, ApiJson json) {
        this.desk = desk;
        this.json = json;
        this.openApi = openApiDocument();
    }

    void register(RoutesConfig r) {
        r.get(BASE + "/openapi.json", ctx -> ctx.contentType("application/json").result(openApi));
        r.get(BASE + "/calls", ctx -> ok(ctx, desk.calls(ApiGuard.principal(ctx))));
        r.post(BASE + "/calls/{callId}/bind", ctx -> {
            Principal admin = ApiGuard.admin(ctx);
            BindRequest body = json.read(ctx.body(), BindRequest.class);
            ok(ctx, desk.bind(admin, ctx.pathParam("callId"), body.agentName()));
        });
        r.post(BASE + "/calls/{callId}/captures", ctx -> {
            StartCaptureRequest body = json.read(ctx.body(), StartCaptureRequest.class);
            CaptureView v = desk.startCapture(ApiGuard.principal(ctx), ctx.pathParam("callId"), body.toStartCapture());
            ctx.header("Location", BASE + "/captures/" + v.id());
            ctx.status(201).contentType("application/json").result(json.write(v));
        });
        r.post(BASE + "/calls/{callId}/ivr", ctx -> {
            StartCaptureRequest body = json.read(ctx.body(), StartCaptureRequest.class);
            CaptureView v = desk.startIvr(ApiGuard.principal(ctx), ctx.pathParam("callId"), body.toStartCapture());
            ctx.header("Location", BASE + "/captures/" + v.id());
            ctx.status(201).contentType("application/json").result(json.write(v));
        });
        r.get(BASE + "/captures/{captureId}", ctx -> ok(ctx, desk.capture(ApiGuard.principal(ctx), ctx.pathParam("captureId"))));
        r.post(BASE + "/captures/{captureId}/fields/{field}/request",
                ctx -> ok(ctx, desk.requestField(ApiGuard.principal(ctx), ctx.pathParam("captureId"), field(ctx))));
        r.post(BASE + "/captures/{captureId}/fields/{field}/clear",
                ctx -> ok(ctx, desk.clearField(ApiGuard.principal(ctx), ctx.pathParam("captureId"), field(ctx))));
        r.post(BASE + "/captures/{captureId}/process", ctx -> ok(ctx, desk.process(ApiGuard.principal(ctx), ctx.pathParam("captureId"))));
        r.post(BASE + "/captures/{captureId}/cancel", ctx -> ok(ctx, desk.cancel(ApiGuard.principal(ctx), ctx.pathParam("captureId"))));
        r.get(BASE + "/payments", ctx -> ok(ctx, desk.payments(ApiGuard.principal(ctx), limit(ctx)).stream().map(PaymentView::of).toList()));
    }

    private void ok(Context ctx, Object body) {
        ctx.status(200).contentType("application/json").result(json.write(body));
    }

    private static CaptureField field(Context ctx) {
        String name = ctx.pathParam("field");
        try {
            return CaptureField.fromApiName(name);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("unknown field '" + StartCaptureRequest.clip(name) + "'");
        }
    }

    private static int limit(Context ctx) {
        String v = ctx.queryParam("limit");
        if (v == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    private static String openApiDocument() {
        try (InputStream in = AgentRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + OPENAPI_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
