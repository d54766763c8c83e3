package dev.kintsugi.statuspage;

import dev.kintsugi.statuspage.StatusSnapshot.IncidentCard;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;

/** A public update's text for a reader: the writer's own words, or its status's template in the reader's language. */
public record UpdateTexts(MessageSource messages, Locale locale, String brand) {

    public String body(PublicUpdate u, IncidentCard incident) {
        return body(u, incident.components());
    }

    public String body(PublicUpdate u, List<String> components) {
        return u.templated() ? template(u.status(), components) : u.body();
    }

    public String template(UpdateStatus status, List<String> components) {
        String subject = components.isEmpty() ? brand : String.join(", ", components);
        return messages.getMessage("statuspage.template." + status.name(), new Object[] {subject}, locale);
    }
}
