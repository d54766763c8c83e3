package dev.kintsugi.platform.web;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.ConflictException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Role;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page needs (the viewer, their role) and friendly error pages for the web UI. */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
public class PageAdvice {
    private final UserManagement users;

    PageAdvice(UserManagement users) {
        this.users = users;
    }

    @ModelAttribute("viewer")
    Optional<UserAccount> viewer() {
        return users.viewer();
    }

    @ModelAttribute("canRespond")
    boolean canRespond() {
        return Actor.hasRole(Role.RESPONDER);
    }

    @ModelAttribute("isAdmin")
    boolean isAdmin() {
        return Actor.hasRole(Role.ADMIN);
    }

    /**
     * The role a refused page needed: from the refusal of a page rule (below) or, on Spring Boot's error page, of
     * a URL rule (Spring Security leaves it in the request).
     */
    @ModelAttribute("requiredRole")
    Role requiredRole(HttpServletRequest request) {
        return RequiredRole.of(request.getAttribute(WebAttributes.ACCESS_DENIED_403))
                .orElse(null);
    }

    @ExceptionHandler(NotFoundException.class)
    String notFound(NotFoundException e, Model model, HttpServletResponse response) {
        return errorPage(404, model, response);
    }

    /** A page the viewer's role does not open: 403, naming the role it needs. */
    @ExceptionHandler(AuthorizationDeniedException.class)
    String denied(AuthorizationDeniedException e, Model model, HttpServletResponse response) {
        model.addAttribute("requiredRole", RequiredRole.of(e).orElse(null));
        return errorPage(403, model, response);
    }

    @ExceptionHandler(ConflictException.class)
    String conflict(ConflictException e, Model model, HttpServletResponse response) {
        model.addAttribute("message", e.getMessage());
        return errorPage(409, model, response);
    }

    /**
     * An exception handler's model is fresh (the {@code @ModelAttribute}s above are not in it): add what the layout
     * needs, so an error page keeps the navigation.
     */
    private String errorPage(int status, Model model, HttpServletResponse response) {
        response.setStatus(status);
        model.addAttribute("status", status);
        model.addAttribute("viewer", viewer());
        model.addAttribute("canRespond", canRespond());
        model.addAttribute("isAdmin", isAdmin());
        return "platform/error";
    }
}
