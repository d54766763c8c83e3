package dev.kintsugi.oncall;

import dev.kintsugi.oncall.Schedules.PersonShift;
import dev.kintsugi.oncall.persistence.ScheduleRepository;
import dev.kintsugi.platform.InvalidInputException;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.UserManagement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The reads {@link Schedules}, its overrides and its feeds share: a schedule by name, shifts over a range. */
@Component
@Transactional(readOnly = true)
class ScheduleReads {
    static final Duration MAX_RANGE = Duration.ofDays(400);
    private final ScheduleRepository repo;
    private final UserManagement users;

    ScheduleReads(ScheduleRepository repo, UserManagement users) {
        this.repo = repo;
        this.users = users;
    }

    Schedule get(String name) {
        return repo.find(name).orElseThrow(() -> new NotFoundException("Schedule", name));
    }

    List<OnCallShift> shifts(Schedule s, Instant from, Instant to) {
        checkRange(from, to);
        return ScheduleResolver.shifts(s.rotations(), repo.overrides(s.id()), from, to);
    }

    /** Someone's shifts over every schedule, in order. */
    List<PersonShift> shiftsOf(String username, Instant from, Instant to) {
        checkRange(from, to);
        List<PersonShift> out = new ArrayList<>();
        for (Schedule s : repo.all()) {
            if (s.rotations().stream().noneMatch(r -> r.participants().contains(username))
                    && repo.overrides(s.id()).stream()
                            .noneMatch(o -> o.coveringUser().equals(username))) {
                continue;
            }
            for (OnCallShift x : shifts(s, from, to)) {
                if (x.username().equals(username)) {
                    out.add(new PersonShift(s.name(), s.displayName(), x));
                }
            }
        }
        out.sort(Comparator.comparing((PersonShift p) -> p.shift().start()));
        return out;
    }

    static void checkRange(Instant from, Instant to) {
        if (!from.isBefore(to)) {
            throw new InvalidInputException("to", "oncall.invalid.toAfterFrom", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new InvalidInputException("to", "oncall.invalid.rangeTooLong", "a range spans at most 400 days");
        }
    }

    void requireUser(String username, String field) {
        if (!users.exists(username)) {
            throw new InvalidInputException(field, "oncall.invalid.noSuchUser", "no such user: " + username, username);
        }
    }
}
