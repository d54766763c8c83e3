package dev.kintsugi.gameday;

import dev.kintsugi.platform.Actor;
import dev.kintsugi.platform.CalendarFiles;
import dev.kintsugi.platform.MailProperties;
import dev.kintsugi.platform.Mailer;
import dev.kintsugi.platform.NotFoundException;
import dev.kintsugi.platform.UserAccount;
import dev.kintsugi.platform.UserManagement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A game day's invitations: each participant's {@code .ics} (the game day's time, its title, the participant's
 * role and team, the page's address, the participant as attendee), downloaded, or sent by e-mail to every
 * participant with an address (the facilitator's "Send invitations"): a message in the participant's language
 * with the invitation attached as an iTIP request ({@code METHOD:REQUEST}, the sender as organiser).
 */
@Service
@Transactional
public class GameDayInvitations {
    static final String PRODUCT = "-//Kintsugi//Game day//EN";

    private final GameDayAccess access;
    private final UserManagement users;
    private final Mailer mailer;
    private final MailProperties mail;

    GameDayInvitations(GameDayAccess access, UserManagement users, Mailer mailer, MailProperties mail) {
        this.access = access;
        this.users = users;
        this.mailer = mailer;
        this.mail = mail;
    }

    /** Who was sent an invitation and who could not be (no address, or the mail server refused). */
    public record Sent(List<String> sent, List<String> notSent) {}

    /**
     * The {@code .ics} invitation of one participant (the reader's own; a facilitator may fetch anyone's): the game
     * day's time, its title, the participant's role, the page's address.
     */
    @Transactional(readOnly = true)
    public String ics(long id, String username, String pageUrl) {
        GameDayRepository.Row r = access.row(id);
        String who = username == null || username.isBlank() ? Actor.current() : username;
        if (!who.equals(Actor.current())) {
            access.require(id, GameDayRole.FACILITATOR);
        }
        ParticipantView p = access.rows.participants(id).stream()
                .filter(x -> x.username().equals(who))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("participant", who));
        return CalendarFiles.write(PRODUCT, List.of(event(r, p, users.get(who), pageUrl)));
    }

    /** E-mails every participant their invitation (facilitator, before the end); {@code pageUrl}: the page's. */
    public Sent send(long id, String pageUrl) {
        GameDayRepository.Row r = access.row(id);
        access.require(id, GameDayRole.FACILITATOR);
        GameDayAccess.requireStatus(r, GameDayStatus.PLANNED, GameDayStatus.RUNNING);
        CalendarFiles.Invitee organizer = organizer();
        List<String> sent = new ArrayList<>();
        List<String> notSent = new ArrayList<>();
        for (ParticipantView p : access.rows.participants(id)) {
            UserAccount account = users.get(p.username());
            if (account.email() == null || account.email().isBlank()) {
                notSent.add(p.username());
                continue;
            }
            String ics = CalendarFiles.request(PRODUCT, List.of(event(r, p, account, pageUrl)), organizer);
            java.util.Locale locale = mailer.localeOf(account);
            java.time.ZoneId zone = zoneOf(account);
            String start = java.time.format.DateTimeFormatter.ofLocalizedDateTime(java.time.format.FormatStyle.MEDIUM)
                            .withLocale(locale)
                            .withZone(zone)
                            .format(r.startsAt())
                    + " (" + zone.getId() + ")";
            Mailer.Mail m = mailer.render(
                    "gameday-invitation",
                    locale,
                    Map.of(
                            "title",
                            r.title(),
                            "start",
                            start,
                            "minutes",
                            r.durationMinutes(),
                            "role",
                            p.role().name(),
                            "team",
                            p.team() == null ? "" : p.team(),
                            "link",
                            pageUrl),
                    "gameday.mail.subject",
                    r.title());
            boolean ok = mailer.send(
                    account.email(),
                    m,
                    List.of(new Mailer.Attachment(
                            "gameday-" + id + ".ics", "text/calendar; charset=UTF-8; method=REQUEST", ics)));
            (ok ? sent : notSent).add(p.username());
        }
        access.audit.record(
                "gameday.invitations",
                "gameday",
                Long.toString(id),
                "Sent the invitations of game day " + id + " to " + sent.size() + " participants",
                null,
                Map.of("sent", sent, "notSent", notSent));
        return new Sent(List.copyOf(sent), List.copyOf(notSent));
    }

    private CalendarFiles.Invitee organizer() {
        UserAccount me = Actor.isSystem() ? null : users.get(Actor.current());
        return me == null || me.email() == null || me.email().isBlank()
                ? new CalendarFiles.Invitee("Kintsugi", mail.from())
                : new CalendarFiles.Invitee(me.displayName(), me.email());
    }

    private static java.time.ZoneId zoneOf(UserAccount account) {
        try {
            return account.timeZone() == null || account.timeZone().isBlank()
                    ? java.time.ZoneOffset.UTC
                    : java.time.ZoneId.of(account.timeZone());
        } catch (java.time.DateTimeException e) {
            return java.time.ZoneOffset.UTC;
        }
    }

    private CalendarFiles.Event event(GameDayRepository.Row r, ParticipantView p, UserAccount account, String url) {
        String role = p.role() + (p.team() == null ? "" : " (" + p.team() + ")");
        return new CalendarFiles.Event(
                "gameday-" + r.id() + "-" + p.username() + "@kintsugi",
                access.clock.instant(),
                r.startsAt(),
                r.startsAt().plusSeconds(60L * r.durationMinutes()),
                "Game day: " + r.title(),
                "Your role: " + role + "\n" + url,
                r.environment(),
                url,
                account.email() == null || account.email().isBlank()
                        ? List.of()
                        : List.of(new CalendarFiles.Invitee(account.displayName(), account.email())));
    }
}
