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
        response.setStatus(404);
        model.addAttribute("status", 404);
        return "platform/error";
    }

    /** A page the viewer's role does not open: 403, naming the role it needs. */
    @ExceptionHandler(AuthorizationDeniedException.class)
    String denied(AuthorizationDeniedException e, Model model, HttpServletResponse response) {
        response.setStatus(403);
        model.addAttribute("status", 403);
        model.addAttribute("requiredRole", RequiredRole.of(e).orElse(null));
        return "platform/error";
    }

    @ExceptionHandler(ConflictException.class)
    String conflict(ConflictException e, Model model, HttpServletResponse response) {
        response.setStatus(409);
        model.addAttribute("status", 409);
        model.addAttribute("message", e.getMessage());
        return "platform/error";
    }
}
