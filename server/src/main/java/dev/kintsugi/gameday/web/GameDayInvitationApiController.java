package dev.kintsugi.gameday.web;

import dev.kintsugi.gameday.GameDayInvitations;
import dev.kintsugi.gameday.GameDays;
import dev.kintsugi.gameday.IdeaView;
import dev.kintsugi.platform.CalendarFiles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Game days' invitations (the {@code .ics}, and by e-mail) and the scenario backlog. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Game days")
class GameDayInvitationApiController {
    private final GameDays days;
    private final GameDayInvitations invitations;

    GameDayInvitationApiController(GameDays days, GameDayInvitations invitations) {
        this.days = days;
        this.invitations = invitations;
    }

    record IdeaRequest(String title, String description) {}

    @GetMapping("/gamedays/{id}/invitation.ics")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "A participant's .ics invitation (the reader's own; a facilitator may ask for anyone's)")
    ResponseEntity<String> invitation(@PathVariable long id, @RequestParam(required = false) String username) {
        return calendar(invitations, id, username);
    }

    static ResponseEntity<String> calendar(GameDayInvitations invitations, long id, String username) {
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, CalendarFiles.CONTENT_TYPE)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("gameday-" + id + ".ics")
                                .build()
                                .toString())
                .body(invitations.ics(id, username, ApiRequests.pageUrl(id)));
    }

    @PostMapping("/gamedays/{id}/invitations")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "E-mail every participant their invitation, the .ics attached as METHOD:REQUEST (facilitator)")
    GameDayInvitations.Sent send(@PathVariable long id) {
        return invitations.send(id, ApiRequests.pageUrl(id));
    }

    @GetMapping("/gameday-ideas")
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "The scenario backlog, most voted first")
    List<IdeaView> ideas() {
        return days.ideas();
    }

    @PostMapping("/gameday-ideas")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Propose a scenario idea")
    ResponseEntity<IdeaView> propose(@RequestBody IdeaRequest request) {
        IdeaRequest r = ApiRequests.required(request, "title");
        return ResponseEntity.status(201).body(days.propose(r.title(), r.description()));
    }

    @PostMapping("/gameday-ideas/{ideaId}/votes")
    @PreAuthorize("hasRole('RESPONDER')")
    @Operation(summary = "Vote for an idea (one vote per person per idea)")
    IdeaView vote(@PathVariable long ideaId) {
        return days.vote(ideaId);
    }
}
