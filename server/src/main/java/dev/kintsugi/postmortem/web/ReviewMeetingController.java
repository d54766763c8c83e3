package dev.kintsugi.postmortem.web;

import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.Times;
import dev.kintsugi.postmortem.PostmortemManagement;
import dev.kintsugi.postmortem.ReviewMeeting;
import dev.kintsugi.postmortem.ReviewMeetings;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/** The review meeting: its API, the form fragment the post-mortem page loads, and the .ics invitation. */
@Controller
class ReviewMeetingController {
    static final String CALENDAR = dev.kintsugi.platform.CalendarFiles.CONTENT_TYPE;

    private final dev.kintsugi.platform.InputErrors inputErrors;
    private final ReviewMeetings meetings;
    private final PostmortemManagement postmortems;
    private final Times times;

    ReviewMeetingController(
            ReviewMeetings meetings,
            PostmortemManagement postmortems,
            Times times,
            dev.kintsugi.platform.InputErrors inputErrors) {
        this.inputErrors = inputErrors;
        this.meetings = meetings;
        this.postmortems = postmortems;
        this.times = times;
    }

    @GetMapping("/postmortems/{id}/review-meeting.ics")
    ResponseEntity<String> ics(@PathVariable long id) {
        return calendar(id, meetings);
    }

    static ResponseEntity<String> calendar(long id, ReviewMeetings meetings) {
        String ics = meetings.ics(id).orElseThrow(() -> new NotFoundException("Review meeting of", "PM-" + id));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_TYPE, CALENDAR)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("PM-" + id + "-review.ics")
                                .build()
                                .toString())
                .body(ics);
    }

    // ---- page fragment ----

    @GetMapping("/postmortems/{id}/review-meeting")
    String fragment(@PathVariable long id, Model model) {
        return fragment(id, model, null, Map.of(), false);
    }

    /** The review meeting form, as typed (shown again with the error when refused). */
    record MeetingForm(String startsAt, String durationMinutes, String location, String attendees, String notes) {
        static final MeetingForm NEW = new MeetingForm(null, "60", null, null, null);

        Integer minutes() {
            if (durationMinutes == null || durationMinutes.isBlank()) {
                return null;
            }
            try {
                return Integer.valueOf(durationMinutes.trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(
                        "durationMinutes",
                        "postmortem.validation.minutes",
                        "'" + durationMinutes + "' is not a number of minutes",
                        durationMinutes);
            }
        }

        List<String> people() {
            return attendees == null
                    ? List.of()
                    : Arrays.stream(attendees.split("[,;\\s]+"))
                            .filter(s -> !s.isBlank())
                            .toList();
        }
    }

    @PostMapping("/postmortems/{id}/review-meeting")
    @PreAuthorize("hasRole('RESPONDER')")
    String save(@PathVariable long id, @ModelAttribute MeetingForm form, Model model) {
        try {
            meetings.plan(
                    id,
                    times.parseInput(form.startsAt(), "startsAt"),
                    form.minutes(),
                    form.location(),
                    form.people(),
                    form.notes());
            return fragment(id, model, null, Map.of(), true);
        } catch (InvalidInputException e) {
            return fragment(id, model, form, Map.of(e.field(), inputErrors.describe(e, "meeting.")), false);
        }
    }

    private String fragment(long id, Model model, MeetingForm form, Map<String, String> errors, boolean saved) {
        model.addAttribute("postmortem", postmortems.get(id));
        ReviewMeeting meeting = meetings.find(id).orElse(null);
        model.addAttribute("meeting", meeting);
        if (form == null) {
            form = meeting == null
                    ? MeetingForm.NEW
                    : new MeetingForm(
                            times.input(meeting.startsAt()),
                            String.valueOf(meeting.durationMinutes()),
                            meeting.location() == null ? "" : meeting.location(),
                            String.join(", ", meeting.attendees()),
                            meeting.notes() == null ? "" : meeting.notes());
        }
        model.addAttribute("form", form);
        model.addAttribute("errors", errors);
        model.addAttribute("saved", saved);
        return "postmortem/review-meeting :: meeting";
    }
}
