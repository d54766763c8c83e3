package dev.kintsugi.platform;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The demo accounts a visitor may log in with, when Kintsugi runs with demo data ({@code --kintsugi.demo=true}).
 * The module that seeds the demo registers them at every start; the login page shows them, so nobody has to find
 * the start-up output. Empty outside demo mode. Demo passwords are not secrets: they are the way in.
 */
@Component
public class DemoLogins {
    /** One demo account: who it is and what it may do. */
    public record Login(String username, String displayName, Role role) {}

    private record Registered(List<Login> logins, String password) {}

    private final AtomicReference<Registered> registered = new AtomicReference<>(new Registered(List.of(), null));

    public void register(List<Login> logins, String password) {
        registered.set(new Registered(List.copyOf(logins), password));
    }

    public List<Login> logins() {
        return registered.get().logins();
    }

    /** The one password every demo account has, or null outside demo mode. */
    public String password() {
        return registered.get().password();
    }

    private final java.util.concurrent.CopyOnWriteArrayList<String> suggestions =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * What a visitor could try first (a message code, shown on the login page under the accounts): a module that
     * seeds something to try in demo mode registers it at every start.
     */
    public void suggest(String messageCode) {
        suggestions.addIfAbsent(messageCode);
    }

    /** The message codes of what to try first, in the order they were suggested. */
    public List<String> suggestions() {
        return List.copyOf(suggestions);
    }
}
