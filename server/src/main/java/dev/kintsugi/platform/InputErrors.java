package dev.kintsugi.platform;

import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/**
 * Refused input said to a person, in their language: "Titre : ne doit pas être vide", the field's label (not its
 * name in the API) and the message from its code (the English text when it has none).
 */
@Component
public class InputErrors {
    private final MessageSource messages;

    InputErrors(MessageSource messages) {
        this.messages = messages;
    }

    /** The message alone, in the viewer's language. */
    public String message(InvalidInputException e) {
        return messages.getMessage(e.resolvable(), LocaleContextHolder.getLocale());
    }

    /**
     * The field's label and the message; the label is the bundle's {@code labelPrefix + field} (the field's name
     * when the bundle has none).
     */
    public String describe(InvalidInputException e, String labelPrefix) {
        Locale locale = LocaleContextHolder.getLocale();
        String message = message(e);
        if (e.field() == null) {
            return message;
        }
        String label = messages.getMessage(labelPrefix + e.field(), null, e.field(), locale);
        return messages.getMessage("validation.field", new Object[] {label, message}, locale);
    }
}
