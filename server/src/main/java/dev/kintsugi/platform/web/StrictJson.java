package dev.kintsugi.platform.web;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.kintsugi.platform.DateRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.type.CollectionType;
import tools.jackson.databind.type.LogicalType;

/**
 * The JSON the API reads is strict, for every request body at once: an enum is its name only (no ordinal, no
 * unknown or padded value), a number is not a string nor a string a number or a boolean, nothing may follow the
 * document, text holds no control character other than tab, line feed and carriage return and no lone surrogate,
 * a list holds no {@code null} and at most {@code kintsugi.api.max-list-size} elements, and every date or instant
 * is an ISO-8601 string within {@link DateRange}. Each refusal is a 400 naming the field (see ApiProblemAdvice).
 */
@Configuration
class StrictJson {

    @Bean
    JsonMapperBuilderCustomizer strictJsonMapper(@Value("${kintsugi.api.max-list-size:1000}") int maxListSize) {
        return builder -> {
            builder.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                    .disable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
                    .disable(EnumFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                    .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
            builder.withCoercionConfig(
                    LogicalType.Textual,
                    c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                            .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
            for (LogicalType scalar : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
                builder.withCoercionConfig(
                        scalar,
                        c -> c.setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail));
            }
            builder.withCoercionConfig(
                    LogicalType.Boolean, c -> c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail));
            for (Class<?> container : List.of(List.class, Set.class, Collection.class)) {
                builder.withConfigOverride(
                        container, o -> o.setNullHandling(JsonSetter.Value.forContentNulls(Nulls.FAIL)));
            }
            SimpleModule strict = new SimpleModule("kintsugi-strict");
            strict.addDeserializer(String.class, new CleanText());
            strict.setDeserializerModifier(new Limits(maxListSize));
            builder.addModule(strict);
        };
    }

    /** Text without control characters (tab, line feed and carriage return excepted) or lone surrogates. */
    static final class CleanText extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            String text = super.deserialize(p, ctxt);
            String problem = problem(text);
            if (problem != null) {
                return ctxt.reportInputMismatch(String.class, problem);
            }
            return text;
        }

        /** What is wrong with this text, or null. */
        static String problem(String text) {
            if (text == null) {
                return null;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                    return String.format(
                            "contains the control character U+%04X at position %d: only tab, line feed and "
                                    + "carriage return are allowed",
                            (int) c, i);
                }
                if (Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return String.format(
                            "contains a lone surrogate U+%04X at position %d: not valid Unicode", (int) c, i);
                }
            }
            return null;
        }
    }

    /** Wraps the deserializers of dates (format and range) and of collections (size). */
    private static final class Limits extends ValueDeserializerModifier {
        private final int maxListSize;

        Limits(int maxListSize) {
            this.maxListSize = maxListSize;
        }

        @Override
        public ValueDeserializer<?> modifyDeserializer(
                DeserializationConfig config, BeanDescription.Supplier description, ValueDeserializer<?> deserializer) {
            Class<?> type = description.getBeanClass();
            if (type == Instant.class
                    || type == OffsetDateTime.class
                    || type == ZonedDateTime.class
                    || type == LocalDate.class
                    || type == LocalDateTime.class) {
                return new DateInRange(deserializer);
            }
            return deserializer;
        }

        @Override
        public ValueDeserializer<?> modifyEnumDeserializer(
                DeserializationConfig config,
                JavaType type,
                BeanDescription.Supplier description,
                ValueDeserializer<?> deserializer) {
            return new ExactEnum(deserializer, type.getRawClass());
        }

        @Override
        public ValueDeserializer<?> modifyCollectionDeserializer(
                DeserializationConfig config,
                CollectionType type,
                BeanDescription.Supplier description,
                ValueDeserializer<?> deserializer) {
            return new BoundedCollection(deserializer, maxListSize);
        }
    }

    /** An ISO-8601 string (a bare number is not a date) for a time within {@link DateRange}. */
    private static final class DateInRange extends DelegatingDeserializer {
        DateInRange(ValueDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new DateInRange(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return ctxt.reportInputMismatch(
                        handledType(), "must be an ISO-8601 string, like 2026-03-29T14:05:00Z or 2026-03-29");
            }
            Object value = super.deserialize(p, ctxt);
            if (value instanceof Temporal t && !DateRange.contains(t)) {
                return ctxt.reportInputMismatch(handledType(), DateRange.MESSAGE);
            }
            return value;
        }
    }

    /** An enum constant by its exact name: Jackson would otherwise trim {@code " ADMIN"} or {@code "ADMIN\u0000"}. */
    private static final class ExactEnum extends DelegatingDeserializer {
        private final Class<?> type;

        ExactEnum(ValueDeserializer<?> delegate, Class<?> type) {
            super(delegate);
            this.type = type;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new ExactEnum(delegate, type);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                String name = p.getString();
                if (!name.isEmpty() && (name.charAt(0) <= ' ' || name.charAt(name.length() - 1) <= ' ')) {
                    return ctxt.reportInputMismatch(type, "padded value");
                }
            }
            return super.deserialize(p, ctxt);
        }
    }

    /** A collection of at most {@code max} elements. */
    private static final class BoundedCollection extends DelegatingDeserializer {
        private final int max;

        BoundedCollection(ValueDeserializer<?> delegate, int max) {
            super(delegate);
            this.max = max;
        }

        @Override
        protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
            return new BoundedCollection(delegate, max);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
            Object value = super.deserialize(p, ctxt);
            if (value instanceof Collection<?> c && c.size() > max) {
                return ctxt.reportInputMismatch(
                        handledType(), "has %d elements; at most %d are allowed", c.size(), max);
            }
            return value;
        }
    }
}
