package io.toneguard.server.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/** One JSON object per line, for sidecar files and webhook bodies. */
final class RecordingJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private RecordingJson() {
    }

    static String write(Map<String, Object> fields) {
        try {
            return MAPPER.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }
}
