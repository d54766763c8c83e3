package dev.kintsugi.oncall.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;

/**
 * An override. {@code TAKE}: {@code coveringUser} (you when absent) takes the turn of {@code rotation} holding
 * {@code shiftAt}. {@code SWAP}: your turn holding {@code shiftAt} and the other turn holding {@code theirsAt} trade
 * places. {@code COVER}: {@code coveringUser} is on call from {@code start} to {@code end} over everything else.
 */
record OverrideRequest(
        @NotNull Kind kind,

        @Schema(example = "primary") @Size(max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}")
        String rotation,

        OffsetDateTime shiftAt,
        OffsetDateTime theirsAt,
        @Size(max = 64) String coveringUser,
        OffsetDateTime start,
        OffsetDateTime end) {
    enum Kind {
        TAKE,
        SWAP,
        COVER
    }
}
