package io.toneguard.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The OpenAPI document and the routes Javalin really has are the same set, both ways. */
class ApiOpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws Exception {
        JsonNode doc;
        try (InputStream in = AgentApi.class.getResourceAsStream(AgentRoutes.OPENAPI_RESOURCE)) {
            doc = new ObjectMapper().readTree(in);
        }
        Set<String> documented = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> p = paths.next();
            p.getValue().fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    documented.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
                }
            });
        }
        try (AgentApiFixture f = new AgentApiFixture()) {
            Set<String> registered = f.api.routes();
            assertTrue(registered.size() >= 11, registered.toString());
            assertEquals(registered, documented);
        }
    }

    @Test
    void everyReferencedSchemaExists() throws Exception {
        String text;
        try (InputStream in = AgentApi.class.getResourceAsStream(AgentRoutes.OPENAPI_RESOURCE)) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        JsonNode doc = new ObjectMapper().readTree(text);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"#/components/(schemas|responses)/([A-Za-z]+)\"").matcher(text);
        while (m.find()) {
            assertTrue(doc.get("components").get(m.group(1)).has(m.group(2)), m.group());
        }
    }
}
