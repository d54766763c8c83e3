package dev.kintsugi.postmortem.chatimport;

/** The chat log formats an import understands. */
public enum ChatFormat {
    /**
     * One or more day files of a Slack workspace export ({@code <channel>/<yyyy-mm-dd>.json}: a JSON array of
     * messages). Several files may be concatenated. Times come from {@code ts} (absolute), not from the zone.
     */
    SLACK_EXPORT,
    /**
     * IRC logs: irssi ({@code HH:MM <nick> message}, {@code HH:MM:SS}, {@code --- Day changed ...}), weechat
     * ({@code yyyy-MM-dd HH:mm:ss<TAB>nick<TAB>message}), bracketed times ({@code [HH:MM] <nick> message}),
     * dircproxy ({@code [14 Jan 10:36] <nick!user@host> -message}), Limnoria/Supybot
     * ({@code 2019-10-01T04:09:36  <nick> message}) and xchat ({@code Jan 16 10:03:04 <nick> message}).
     */
    IRC,
    /** Plain text, one message a line: {@code HH:MM nick: message} or {@code HH:MM:SS nick: message}. */
    PLAIN
}
