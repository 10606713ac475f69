package io.toneguard.server.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Loads the embedded defaults, overlays an optional YAML file key by key, and binds the result
 * strictly: an unknown key, a wrong type or a missing value fails with the key's dotted path.
 */
public final class ConfigLoader {
    static final String DEFAULTS = "/toneguard-defaults.yaml";

    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(com.fasterxml.jackson.databind.MapperFeature.ALLOW_COERCION_OF_SCALARS);

    /** The embedded defaults alone. */
    public ToneGuardConfig defaults() {
        return bind(defaultsTree());
    }

    /** The defaults overlaid with {@code file}. */
    public ToneGuardConfig load(Path file) {
        JsonNode overrides;
        try {
            overrides = yaml.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException(file.toString(), "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()));
        } catch (IOException e) {
            throw new ConfigException(file.toString(), "cannot be read: " + e.getMessage());
        }
        ObjectNode merged = defaultsTree();
        if (overrides != null && !overrides.isMissingNode() && !overrides.isNull()) {
            if (!overrides.isObject()) {
                throw new ConfigException(file.toString(), "must be a YAML mapping of sections");
            }
            merge(merged, (ObjectNode) overrides, "");
        }
        return bind(merged);
    }

    /**
     * The effective configuration as YAML (for the {@code config} command), with secrets written
     * in the file itself shown as {@code ***} (an {@code env:NAME} reference is shown as it is).
     */
    public String toYaml(ToneGuardConfig config) {
        try {
            JsonNode tree = yaml.valueToTree(config);
            redactSecrets(tree);
            return yaml.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.util.regex.Pattern SECRET_KEY =
            java.util.regex.Pattern.compile("(?i).*(secret|privatekey|apikey|transactionkey|password|token).*");

    private static void redactSecrets(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            java.util.List<String> names = new java.util.ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode v = obj.get(name);
                if (v.isTextual() && SECRET_KEY.matcher(name).matches() && !v.asText().isEmpty() && !v.asText().startsWith("env:")) {
                    obj.put(name, "***");
                } else {
                    redactSecrets(v);
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(ConfigLoader::redactSecrets);
        }
    }

    private ObjectNode defaultsTree() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("embedded defaults missing: " + DEFAULTS);
            }
            return (ObjectNode) yaml.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Overlays {@code over} onto {@code base}: mappings merge key by key, everything else replaces. */
    private static void merge(ObjectNode base, ObjectNode over, String path) {
        Iterator<Map.Entry<String, JsonNode>> fields = over.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String key = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
            JsonNode existing = base.get(f.getKey());
            if (existing == null) {
                throw new ConfigException(key, "unknown key" + known(base, path));
            }
            if (existing.isObject() && existing.isEmpty()) {
                // a free-form mapping (request fields, headers): taken as given
                if (!f.getValue().isObject()) {
                    throw new ConfigException(key, "must be a mapping");
                }
                base.set(f.getKey(), f.getValue());
            } else if (existing.isObject()) {
                if (!f.getValue().isObject()) {
                    throw new ConfigException(key, "must be a mapping" + known((ObjectNode) existing, key));
                }
                merge((ObjectNode) existing, (ObjectNode) f.getValue(), key);
            } else {
                base.set(f.getKey(), f.getValue());
            }
        }
    }

    private static String known(ObjectNode node, String path) {
        Iterator<String> names = node.fieldNames();
        StringBuilder sb = new StringBuilder();
        names.forEachRemaining(n -> sb.append(sb.length() == 0 ? "" : ", ").append(n));
        return " (known keys" + (path.isEmpty() ? "" : " of " + path) + ": " + sb + ")";
    }

    private ToneGuardConfig bind(JsonNode tree) {
        ToneGuardConfig config;
        try {
            config = yaml.treeToValue(tree, ToneGuardConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(path(e), "unknown key");
        } catch (JsonMappingException e) {
            throw new ConfigException(path(e), e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new ConfigException("(root)", e.getOriginalMessage());
        }
        validate(config);
        return config;
    }

    private static void validate(ToneGuardConfig config) {
        ConfigException.require(config.media(), "media");
        ConfigException.require(config.media().latch(), "media.latch");
        config.media().toTransportConfig();
        ConfigException.require(config.masking(), "masking");
        config.masking().toMaskerSettings();
        ConfigException.require(config.sip(), "sip");
        config.sip().toSettings();
        ConfigException.require(config.routing(), "routing");
        config.routing().toRouter();
        ConfigException.require(config.payments(), "payments");
        config.payments().validate();
        config.payments().toGateway(System::getenv); // fails here, naming the key, if a secret is missing
        ConfigException.require(config.capture(), "capture");
        config.capture().toSettings(io.toneguard.psp.card.CardValidator.DEFAULT);
        config.capture().toBindings();
        ConfigException.require(config.records(), "records");
        config.records().validate(System::getenv);
        ConfigException.require(config.api(), "api");
        config.api().resolve(System::getenv);
        ConfigException.require(config.recording(), "recording");
        config.recording().toSettings(System::getenv);
        ConfigException.require(config.ivr(), "ivr");
        var ivr = config.ivr().toSettings();
        for (String name : config.routing().selfServiceNames()) {
            if (!ivr.selfService().containsKey(name)) {
                throw new ConfigException("routing.rules", "target self-service:" + name + " has no entry ivr.selfService." + name);
            }
        }
    }

    private static String path(JsonMappingException e) {
        String p = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining());
        p = p.startsWith(".") ? p.substring(1) : p;
        return p.isEmpty() ? "(root)" : p;
    }
}
