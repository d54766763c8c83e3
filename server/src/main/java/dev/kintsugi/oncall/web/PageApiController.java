package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.Notifications;
import dev.kintsugi.oncall.PageView;
import dev.kintsugi.oncall.Paging;
import dev.kintsugi.oncall.notify.Channel;
import dev.kintsugi.oncall.persistence.DeliveryRepository.Delivery;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Pages, their delivery log, and one's own contact methods. */
@RestController
@RequestMapping("/api/v1/oncall")
@Tag(name = "On-call pages", description = "Pages, acknowledgement, delivery log, contact methods")
class PageApiController {
    private final Paging paging;
    private final Notifications notifications;

    PageApiController(Paging paging, Notifications notifications) {
        this.paging = paging;
        this.notifications = notifications;
    }

    record PageResponse(PageView page, List<String> paged, List<Delivery> deliveries) {}

    record ContactRequest(
            @NotNull Channel channel,
            @NotBlank @Size(max = 2000) String target,
            @Size(max = 200) String signingSecret,
            @Min(0) @Max(1440) int delayMinutes) {}

    @GetMapping("/pages")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The latest pages")
    List<PageView> pages(@RequestParam(defaultValue = "50") int limit) {
        return paging.recent(limit);
    }

    @GetMapping("/pages/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "One page with who was paged and its delivery log")
    PageResponse page(@PathVariable long id) {
        PageView p = paging.find(id).orElseThrow(() -> new NotFoundException("Page", id));
        return new PageResponse(p, paging.recipients(id), notifications.log(id));
    }

    @PostMapping("/pages/{id}/acknowledge")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Acknowledge a page: its escalation stops")
    PageView acknowledge(@PathVariable long id) {
        return paging.acknowledge(id, Actor.current());
    }

    @PostMapping("/pages/{id}/resolve")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Resolve a page: the people paged are told")
    PageView resolve(@PathVariable long id) {
        return paging.resolve(id);
    }

    @GetMapping("/me/contact-methods")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Your contact methods (targets shown as hints only) and rules")
    List<Notifications.ContactMethod> methods() {
        return notifications.methods(Actor.current());
    }

    @PostMapping("/me/contact-methods")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Add a contact method, reached after delayMinutes when you are paged")
    ResponseEntity<Notifications.ContactMethod> addMethod(@Valid @RequestBody ContactRequest r) {
        return ResponseEntity.status(201)
                .body(notifications.addMethod(r.channel(), r.target(), r.signingSecret(), r.delayMinutes()));
    }

    @DeleteMapping("/me/contact-methods/{id}")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Remove one of your contact methods")
    ResponseEntity<Void> removeMethod(@PathVariable long id) {
        notifications.removeMethod(id);
        return ResponseEntity.noContent().build();
    }
}
