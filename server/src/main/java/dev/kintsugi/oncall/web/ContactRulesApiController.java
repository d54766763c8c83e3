package dev.kintsugi.oncall.web;

import dev.kintsugi.oncall.ContactRules;
import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.Versions;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** One's own contact rules: ordered steps "for these severities, notify through this method after N minutes". */
@RestController
@RequestMapping("/api/v1/oncall/me/contact-rules")
@Tag(name = "On-call pages", description = "Pages, acknowledgement, delivery log, contact methods")
class ContactRulesApiController {
    private final ContactRules rules;

    ContactRulesApiController(ContactRules rules) {
        this.rules = rules;
    }

    /**
     * A step: {@code methodId} one of your contact methods (null: your account's e-mail address), after
     * {@code delayMinutes}; for the pages of {@code severities}, or of {@code minSeverity} and more severe, or
     * (neither) every page.
     */
    record StepBody(
            Long methodId,
            @Min(0) @Max(1440) int delayMinutes,
            @Size(max = 5) List<@NotNull @Pattern(regexp = "SEV[1-5]") String> severities,
            @Pattern(regexp = "SEV[1-5]") String minSeverity) {}

    /** The steps in order (empty: back to the default rule set); {@code version}: as If-Match. */
    record RulesBody(@NotNull @Size(max = 20) List<@NotNull @Valid StepBody> steps, Long version) {}

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Your contact rules (custom false: the default rule set, each contact method after its delay)")
    ResponseEntity<ContactRules.RuleSet> get() {
        ContactRules.RuleSet set = rules.of(Actor.current());
        return ResponseEntity.ok().eTag(Versions.etag(set.version())).body(set);
    }

    @PutMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Replace your contact rules (If-Match: their ETag; 412 when stale)")
    ResponseEntity<ContactRules.RuleSet> put(
            @Valid @RequestBody RulesBody body,
            @RequestHeader(name = Versions.IF_MATCH, required = false) String ifMatch) {
        Long expected = Versions.expected(ifMatch);
        if (expected == null) {
            expected = body.version();
        }
        ContactRules.RuleSet saved = rules.save(
                body.steps().stream()
                        .map(s ->
                                new ContactRules.Step(s.methodId(), s.delayMinutes(), s.severities(), s.minSeverity()))
                        .toList(),
                expected);
        return ResponseEntity.ok().eTag(Versions.etag(saved.version())).body(saved);
    }
}
