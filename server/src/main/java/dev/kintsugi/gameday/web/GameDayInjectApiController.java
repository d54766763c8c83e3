package dev.kintsugi.gameday.web;

import dev.kintsugi.gameday.GameDayInjects;
import dev.kintsugi.gameday.InjectDraft;
import dev.kintsugi.gameday.InjectKind;
import dev.kintsugi.gameday.InjectView;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A game day's injects: listed as the reader may see them, added, changed and removed until they fire (facilitator
 * or villain; change and removal honour {@code If-Match} with the game day's version), fired by hand.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Game days")
class GameDayInjectApiController {
    private final GameDayInjects injects;
    private final dev.kintsugi.gameday.GameDays gameDays;

    GameDayInjectApiController(GameDayInjects injects, dev.kintsugi.gameday.GameDays gameDays) {
        this.injects = injects;
        this.gameDays = gameDays;
    }

    /**
     * An inject as sent: EXPERIMENT needs {@code experimentId}; FAULT names a fault of the chaos catalogue ({@code
     * latency}, {@code down}, …) on one of the game day's {@code service}s, on its chaos target {@code targetId},
     * with {@code parameters} over the fault's defaults; TABLETOP needs a {@code body}.
     */
    record InjectRequest(
            String title,
            InjectKind kind,
            Long experimentId,
            String body,
            Integer offsetMinutes,
            String fault,
            String service,
            Long targetId,
            Map<String, Integer> parameters) {
        InjectDraft toDraft() {
            return new InjectDraft(
                    title, kind, experimentId, body, offsetMinutes, fault, service, targetId, parameters);
        }
    }

    @GetMapping("/gamedays/{id}/injects")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The injects the reader may see (blind mode: a hero sees only the fired tabletop texts)")
    List<InjectView> list(@PathVariable long id) {
        return injects.list(id);
    }

    @PostMapping("/gamedays/{id}/injects")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Add an inject (facilitator or villain; an EXPERIMENT or FAULT one needs CHAOS_ENGINEER)")
    ResponseEntity<InjectView> add(@PathVariable long id, @RequestBody InjectRequest request) {
        return ResponseEntity.status(201)
                .body(injects.add(id, ApiRequests.required(request, "title").toDraft()));
    }

    @PutMapping("/gamedays/{id}/injects/{injectId}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Change an inject before it fires (facilitator or villain; If-Match: the game day's ETag)")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(
            responseCode = "200",
            description = "The changed inject; ETag: the game day's new version",
            headers = @io.swagger.v3.oas.annotations.headers.Header(name = "ETag", description = "the game day's"))
    ResponseEntity<InjectView> edit(
            @PathVariable long id,
            @PathVariable long injectId,
            @RequestBody InjectRequest request,
            @RequestHeader(value = Versions.IF_MATCH, required = false) String ifMatch) {
        InjectView changed = injects.edit(
                id, injectId, ApiRequests.required(request, "title").toDraft(), Versions.expected(ifMatch));
        return ResponseEntity.ok()
                .eTag(Versions.etag(gameDays.get(id).version()))
                .body(changed);
    }

    @DeleteMapping("/gamedays/{id}/injects/{injectId}")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Remove an inject before it fires (facilitator or villain; If-Match: the game day's ETag)")
    ResponseEntity<Void> remove(
            @PathVariable long id,
            @PathVariable long injectId,
            @RequestHeader(value = Versions.IF_MATCH, required = false) String ifMatch) {
        injects.remove(id, injectId, Versions.expected(ifMatch));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/gamedays/{id}/injects/{injectId}/fire")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Fire an inject now (facilitator or villain, while running)")
    InjectView fire(@PathVariable long id, @PathVariable long injectId) {
        return injects.fire(id, injectId);
    }
}
