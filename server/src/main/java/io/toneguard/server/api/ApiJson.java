package io.toneguard.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.toneguard.psp.gateway.Amount;
import io.toneguard.server.capture.CaptureEvent;
import io.toneguard.server.capture.CaptureField;
import io.toneguard.server.capture.CaptureKind;
import io.toneguard.server.capture.CaptureState;
import io.toneguard.server.capture.FieldState;
import io.toneguard.server.records.PaymentStatus;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The API's JSON: enums by their apiName, instants as ISO-8601, amounts as {minor, currency,
 * display}; request bodies bound strictly, every binding error turned into a 400 that names the field.
 */
final class ApiJson {
    private final ObjectMapper mapper;

    ApiJson() {
        SimpleModule m = new SimpleModule("toneguard-api");
        m.addSerializer(CaptureKind.class, apiName(CaptureKind::apiName));
        m.addSerializer(CaptureField.class, apiName(CaptureField::apiName));
        m.addSerializer(CaptureState.class, apiName(CaptureState::apiName));
        m.addSerializer(FieldState.class, apiName(FieldState::apiName));
        m.addSerializer(PaymentStatus.class, apiName(PaymentStatus::apiName));
        m.addSerializer(Instant.class, apiName(Instant::toString));
        m.addSerializer(Amount.class, new JsonSerializer<>() {
            @Override
            public void serialize(Amount a, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeStartObject();
                g.writeNumberField("minor", a.minorUnits());
                g.writeStringField("currency", a.currency().getCurrencyCode());
                g.writeStringField("display", a.toString());
                g.writeEndObject();
            }
        });
        mapper = JsonMapper.builder()
                .addModule(m)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .build();
    }

    private static <T> JsonSerializer<T> apiName(Function<T, String> name) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator g, SerializerProvider p) throws IOException {
                g.writeString(name.apply(value));
            }
        };
    }

    String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }

    /** An event as {type, captureId, callId, at, ...its other fields}. */
    String event(CaptureEvent e) {
        ObjectNode out = mapper.createObjectNode();
        out.put("type", e.type());
        out.setAll((ObjectNode) mapper.valueToTree(e));
        return write(out);
    }

    /** Binds a request body strictly; anything wrong is a 400 naming the field. */
    <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ApiProblem.badRequest("a JSON body is required");
        }
        try {
            return mapper.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds() == null ? "" : e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", ", " (known fields: ", ")"));
            throw ApiProblem.badRequest("unknown field '" + e.getPropertyName() + "'" + known);
        } catch (JsonParseException e) {
            throw ApiProblem.badRequest("the body is not valid JSON");
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            throw ApiProblem.badRequest(field.isEmpty() ? "the body must be a JSON object" : "field '" + field + "' has the wrong type");
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("the body is not valid JSON");
        }
    }
}
