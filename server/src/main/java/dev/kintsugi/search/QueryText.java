package dev.kintsugi.search;

import dev.kintsugi.platform.InvalidInputException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * The search box's text, taken apart: field filters ({@code service:payments}, {@code type:postmortem},
 * {@code period:2026-03}, {@code after:2026-01-01}) come out as filters, the rest is free text in Lucene's syntax
 * (phrases in quotes, {@code pay*} prefixes, {@code AND}/{@code OR}/{@code -}, explicit {@code word~}) over the
 * title and the text. Every plain word of four letters or more also matches its near spellings (one typo; two
 * from eight letters), ranked below exact matches, unless the index holds it often ({@link NearSpellings}). A query that does not parse is refused naming {@code q}.
 */
final class QueryText {
    static final int MAX_LENGTH = 500;
    /** How many near spellings of a word a query looks for (Lucene's default is 50). */
    static final int MAX_EXPANSIONS = 16;

    static final Set<String> FILTERS =
            Set.of("type", "service", "team", "severity", "tag", "status", "after", "before", "period");
    private static final Pattern FILTER = Pattern.compile(
            "(?<![\\w\\\\])(" + String.join("|", FILTERS) + "):(\"[^\"]*\"|[^\\s()\"]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern OTHER_FIELD = Pattern.compile("(?<![\\w\\\\])([\\p{L}_][\\p{L}\\d_.]*):(?!/)");
    private static final Map<String, Float> FIELDS = Map.of(SearchIndex.TITLE, 3f, SearchIndex.BODY, 1f);

    /** The free text (null when only filters were given) and the filters, by name, lower-cased. */
    record Parsed(Query text, Map<String, List<String>> filters, Instant from, Instant to) {}

    private QueryText() {}

    static Parsed parse(String q, BilingualAnalyzer analyzer, ZoneId zone) {
        String text = q == null ? "" : q.strip();
        if (text.length() > MAX_LENGTH) {
            throw new InvalidInputException(
                    "q", "validation.tooLong", "must be at most " + MAX_LENGTH + " characters", MAX_LENGTH);
        }
        Map<String, List<String>> filters = new java.util.HashMap<>();
        Matcher m = FILTER.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (m.find()) {
            String value = m.group(2);
            if (value.startsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            filters.computeIfAbsent(m.group(1).toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                    .add(value.strip());
            m.appendReplacement(rest, " ");
        }
        m.appendTail(rest);
        String free = rest.toString().strip();
        Matcher other = OTHER_FIELD.matcher(free);
        while (other.find()) {
            String field = other.group(1);
            if (!FIELDS.containsKey(field.toLowerCase(Locale.ROOT))) {
                throw new InvalidInputException(
                        "q",
                        "search.validation.unknownField",
                        "no field '" + field + "': use one of type, service, team, severity, tag, status, after, "
                                + "before, period, title, body",
                        field);
            }
        }
        Instant from = null;
        Instant to = null;
        for (String p : filters.getOrDefault("period", List.of())) {
            Instant[] range = period(p, zone);
            from = max(from, range[0]);
            to = min(to, range[1]);
        }
        for (String a : filters.getOrDefault("after", List.of())) {
            from = max(from, period(a, zone)[0]);
        }
        for (String b : filters.getOrDefault("before", List.of())) {
            to = min(to, period(b, zone)[0]);
        }
        return new Parsed(free.isEmpty() ? null : text(free, analyzer), filters, from, to);
    }

    private static Query text(String free, BilingualAnalyzer analyzer) {
        QueryParser parser = new TypoTolerantParser(analyzer);
        parser.setDefaultOperator(QueryParser.Operator.AND);
        parser.setAllowLeadingWildcard(false);
        parser.setSplitOnWhitespace(true);
        try {
            return parser.parse(free);
        } catch (ParseException | IndexSearcher.TooManyClauses | IllegalArgumentException e) {
            throw new InvalidInputException(
                    "q", "search.validation.syntax", "cannot read the query: " + firstLine(e.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** {@code 2026}, {@code 2026-03}, {@code 2026-03-14} or {@code 2026-01-01..2026-03-31}: [from, to). */
    static Instant[] period(String value, ZoneId zone) {
        int dots = value.indexOf("..");
        if (dots >= 0) {
            Instant a = dots == 0 ? null : period(value.substring(0, dots), zone)[0];
            Instant b = dots + 2 >= value.length() ? null : period(value.substring(dots + 2), zone)[1];
            return new Instant[] {a, b};
        }
        try {
            if (value.matches("\\d{4}")) {
                int y = Integer.parseInt(value);
                return new Instant[] {start(LocalDate.of(y, 1, 1), zone), start(LocalDate.of(y + 1, 1, 1), zone)};
            }
            if (value.matches("\\d{4}-\\d{2}")) {
                YearMonth ym = YearMonth.parse(value);
                return new Instant[] {
                    start(ym.atDay(1), zone), start(ym.plusMonths(1).atDay(1), zone)
                };
            }
            LocalDate d = LocalDate.parse(value);
            return new Instant[] {start(d, zone), start(d.plusDays(1), zone)};
        } catch (java.time.DateTimeException e) {
            throw new InvalidInputException(
                    "q",
                    "search.validation.period",
                    "'" + value + "' is not a period: write 2026, 2026-03, 2026-03-14 or 2026-01-01..2026-03-31",
                    value);
        }
    }

    private static Instant start(LocalDate d, ZoneId zone) {
        if (d.getYear() < dev.kintsugi.platform.DateRange.FIRST_YEAR
                || d.getYear() > dev.kintsugi.platform.DateRange.LAST_YEAR) {
            throw new InvalidInputException(
                    "q",
                    "validation.years",
                    dev.kintsugi.platform.DateRange.MESSAGE,
                    dev.kintsugi.platform.DateRange.FIRST_YEAR,
                    dev.kintsugi.platform.DateRange.LAST_YEAR);
        }
        return d.atStartOfDay(zone).toInstant();
    }

    private static Instant max(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    /** The free-text parser: title and text fields, and a fuzzy variant of every plain word. */
    static final class TypoTolerantParser extends MultiFieldQueryParser {
        TypoTolerantParser(BilingualAnalyzer analyzer) {
            super(FIELDS.keySet().toArray(String[]::new), analyzer, FIELDS);
        }

        @Override
        protected Query newTermQuery(Term term, float boost) {
            return tolerant(super.newTermQuery(term, boost), term);
        }

        @Override
        protected Query newSynonymQuery(String field, QueryBuilder.TermAndBoost[] terms) {
            return tolerant(super.newSynonymQuery(field, terms), new Term(field, terms[0].term()));
        }

        private static Query tolerant(Query exact, Term word) {
            String text = word.text();
            if (text.length() < 4 || !Character.isLetter(text.charAt(0))) {
                return exact;
            }
            int edits = text.length() >= 8 ? 2 : 1;
            // the better of the two, not both: a boolean query here would be split into positions by the parser;
            // the first letter as written, and the MAX_EXPANSIONS nearest spellings only: each one is scored
            FuzzyQuery near = new FuzzyQuery(word, edits, 1, MAX_EXPANSIONS, true);
            return new NearSpellings(exact, word, new BoostQuery(near, 0.3f));
        }
    }
}
