package dev.kintsugi.platform.web;

import dev.kintsugi.platform.DemoLogins;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login page: password form, plus one button per configured OIDC provider. */
@Controller
class LoginPageController {
    private final ObjectProvider<ClientRegistrationRepository> clients;
    private final DemoLogins demoLogins;

    LoginPageController(ObjectProvider<ClientRegistrationRepository> clients, DemoLogins demoLogins) {
        this.clients = clients;
        this.demoLogins = demoLogins;
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String throttled, Model model) {
        // The number of seconds to wait, set by the login throttle; anything else in the parameter is ignored.
        if (throttled != null && throttled.matches("[0-9]{1,6}")) {
            model.addAttribute("throttledSeconds", Long.parseLong(throttled));
        }
        var providers = new java.util.ArrayList<ClientRegistration>();
        if (clients.getIfAvailable() instanceof InMemoryClientRegistrationRepository repo) {
            repo.forEach(providers::add);
        }
        model.addAttribute("providers", providers);
        model.addAttribute("demoLogins", demoLogins.logins());
        model.addAttribute("demoPassword", demoLogins.password());
        model.addAttribute("demoSuggestions", demoLogins.suggestions());
        return "platform/login";
    }
}
