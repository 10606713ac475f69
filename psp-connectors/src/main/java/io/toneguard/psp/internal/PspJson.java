package io.toneguard.psp.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;

/** Reads PSP answers: JSON (a UTF-8 byte order mark is skipped) and dotted paths into it. */
public final class PspJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PspJson() {
    }

    /** The parsed body, or null if it is not JSON. */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        int from = body.length >= 3 && (body[0] & 0xff) == 0xEF && (body[1] & 0xff) == 0xBB && (body[2] & 0xff) == 0xBF ? 3 : 0;
        try {
            JsonNode n = MAPPER.readTree(Arrays.copyOfRange(body, from, body.length));
            return n == null || n.isMissingNode() ? null : n;
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The node at a dotted path ("a.b.0.c": numbers index arrays), or null. A key that itself
     * contains dots (Adyen's additionalData) is found too.
     */
    public static JsonNode at(JsonNode root, String path) {
        if (root == null || path == null) {
            return null;
        }
        JsonNode whole = root.get(path);
        if (whole != null) {
            return whole;
        }
        int dot = path.indexOf('.');
        while (dot > 0) {
            JsonNode head = step(root, path.substring(0, dot));
            if (head != null) {
                JsonNode rest = at(head, path.substring(dot + 1));
                if (rest != null) {
                    return rest;
                }
            }
            dot = path.indexOf('.', dot + 1);
        }
        return null;
    }

    private static JsonNode step(JsonNode node, String key) {
        if (node.isArray() && !key.isEmpty() && key.chars().allMatch(Character::isDigit)) {
            return node.get(Integer.parseInt(key));
        }
        return node.get(key);
    }

    /** The text at a dotted path (numbers and booleans as text), or null. */
    public static String text(JsonNode root, String path) {
        JsonNode n = at(root, path);
        return n == null || n.isNull() || n.isContainerNode() ? null : n.asText();
    }
}
