package dev.kintsugi.oncall;

import java.time.ZoneId;
import java.util.List;

/** What a schedule is made of, as a client writes it (the team by name). */
public record ScheduleDraft(String name, String displayName, String team, ZoneId zone, List<Rotation> rotations) {}
