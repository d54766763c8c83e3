package dev.kintsugi.postmortem;

/**
 * Filters of the organisation-wide list; null means "any". {@code team} matches countermeasures owned by the team
 * or by one of its members; {@code overdue} means still active and past its due date.
 */
public record CountermeasureFilter(
        String team,
        CountermeasureStatus status,
        Boolean overdue,
        CountermeasureKind kind,
        String owner,
        Long postmortemId) {

    public static CountermeasureFilter forPostmortem(long id) {
        return new CountermeasureFilter(null, null, null, null, null, id);
    }
}
