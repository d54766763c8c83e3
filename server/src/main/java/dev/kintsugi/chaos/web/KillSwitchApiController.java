package dev.kintsugi.chaos.web;

import dev.kintsugi.chaos.KillSwitch;
import dev.kintsugi.chaos.KillSwitchState;
import dev.kintsugi.platform.InvalidInputException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The kill switch: anyone sees it; a chaos engineer or an admin engages and releases it. */
@RestController
@RequestMapping("/api/v1/chaos/kill-switch")
@Tag(name = "Kill switch", description = "Stops every experiment, reverts every fault, blocks new runs")
class KillSwitchApiController {
    private final KillSwitch killSwitch;

    KillSwitchApiController(KillSwitch killSwitch) {
        this.killSwitch = killSwitch;
    }

    @GetMapping
    @PreAuthorize("hasRole('VIEWER')")
    @Operation(summary = "Whether the kill switch is engaged")
    KillSwitchState state() {
        return killSwitch.state();
    }

    @PostMapping("/engage")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Engage: stop every run, revert every fault in place, refuse new runs until released")
    KillSwitch.Engaged engage(@RequestParam(required = false) String reason) {
        if (reason != null && reason.length() > 500) {
            throw new InvalidInputException("reason", "chaos.error.killSwitch.reason", "at most 500 characters");
        }
        return killSwitch.engage(reason);
    }

    @PostMapping("/release")
    @PreAuthorize("hasRole('CHAOS_ENGINEER')")
    @Operation(summary = "Release: runs may start again")
    KillSwitchState release() {
        return killSwitch.release();
    }
}
