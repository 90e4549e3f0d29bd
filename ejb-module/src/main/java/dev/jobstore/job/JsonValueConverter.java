package dev.jobstore.job;

import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.io.StringReader;

/** Stores a JSON value as its compact text. */
@Converter
public class JsonValueConverter implements AttributeConverter<JsonValue, String> {

    @Override
    public String convertToDatabaseColumn(JsonValue value) {
        return (value == null ? JsonValue.NULL : value).toString();
    }

    @Override
    public JsonValue convertToEntityAttribute(String text) {
        return parse(text);
    }

    /** The JSON value of stored text. */
    public static JsonValue parse(String text) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(text))) {
            return reader.readValue();
        }
    }
}
