using Portfolio.Core.Cohorts;
using Portfolio.Core.Text;

namespace Portfolio.Tests.Cohorts;

/// <summary>The rules a cohort session keeps by itself, whatever page calls it.</summary>
public class CohortSessionTests
{
    private static readonly DateOnly Day = new(2026, 3, 12);
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static CohortSession Module(DateOnly? day = null) =>
        new(1, SessionKind.Module, "Module 3", SessionBuilder.At(day ?? Day, 9), SessionBuilder.At(day ?? Day, 17), "Namur", 7, null, Now);

    [Fact]
    public void A_session_ends_after_it_starts()
    {
        var refused = Assert.Throws<SessionRuleException>(() =>
            new CohortSession(1, SessionKind.Module, "Module 3", SessionBuilder.At(Day, 17), SessionBuilder.At(Day, 9), null, null, null, Now));
        Assert.Equal(SessionProblem.EndsBeforeStart, refused.Problem);
        var session = Module();
        Assert.Equal(SessionProblem.EndsBeforeStart, Assert.Throws<SessionRuleException>(() =>
            session.Change(SessionKind.Module, "Module 3", SessionBuilder.At(Day, 9), SessionBuilder.At(Day, 9), null, null, null, Now)).Problem);
    }

    [Fact]
    public void A_seminar_has_a_competency_and_only_a_seminar_has_one()
    {
        Assert.Equal(SessionProblem.SeminarWithoutCompetency, Assert.Throws<SessionRuleException>(() =>
            new CohortSession(1, SessionKind.LeadershipSeminar, "Séminaire", SessionBuilder.At(Day, 9), SessionBuilder.At(Day, 17), null, null, null, Now)).Problem);
        Assert.Equal(SessionProblem.CompetencyOnlyForSeminars, Assert.Throws<SessionRuleException>(() =>
            new CohortSession(1, SessionKind.StudyTrip, "Voyage", SessionBuilder.At(Day, 9), SessionBuilder.At(Day, 17), null, null, 3, Now)).Problem);
        Assert.Equal(SessionProblem.TitleMissing, Assert.Throws<SessionRuleException>(() =>
            new CohortSession(1, SessionKind.Other, "  ", SessionBuilder.At(Day, 9), SessionBuilder.At(Day, 17), null, null, null, Now)).Problem);
    }

    [Fact]
    public void A_change_a_calendar_shows_raises_the_sequence_and_keeps_the_uid()
    {
        var session = Module();
        var uid = session.Uid;
        session.Change(SessionKind.Module, "Module 3", SessionBuilder.At(Day, 9), SessionBuilder.At(Day, 17), "Namur", 7, null, Now);
        Assert.Equal(0, session.Sequence);

        session.Change(SessionKind.Module, "Module 3", SessionBuilder.At(Day, 10), SessionBuilder.At(Day, 17), "Namur", 7, null, Now);
        Assert.Equal(1, session.Sequence);
        session.Cancel(Now);
        session.Cancel(Now);
        Assert.Equal(2, session.Sequence);
        Assert.Equal(uid, session.Uid);
        Assert.Equal(SessionProblem.Cancelled, Assert.Throws<SessionRuleException>(() =>
            session.Change(SessionKind.Module, "Module 3", SessionBuilder.At(Day, 9), SessionBuilder.At(Day, 17), null, null, null, Now)).Problem);
    }

    [Fact]
    public void A_seminar_has_taken_place_from_its_day_in_brussels_unless_cancelled()
    {
        var seminar = new CohortSession(1, SessionKind.LeadershipSeminar, "L1", SessionBuilder.At(Day, 9), SessionBuilder.At(Day, 17), null, null, 3, Now);
        Assert.False(seminar.HasTakenPlaceBy(Day.AddDays(-1)));
        Assert.True(seminar.HasTakenPlaceBy(Day));
        seminar.Cancel(Now);
        Assert.False(seminar.HasTakenPlaceBy(Day.AddDays(1)));
    }

    [Fact]
    public void A_session_outside_the_cohorts_dates_is_allowed_and_flagged()
    {
        var welcome = Module(new DateOnly(2025, 9, 10));
        Assert.True(welcome.FallsOutside(new DateOnly(2025, 9, 15), new DateOnly(2026, 6, 30)));
        Assert.False(Module().FallsOutside(new DateOnly(2025, 9, 15), new DateOnly(2026, 6, 30)));
        // Stored in UTC; the day is read in Brussels (00:30 in Brussels is the evening before in UTC).
        var early = new CohortSession(1, SessionKind.Other, "Tôt", Dates.FromBrussels(Day.ToDateTime(new TimeOnly(0, 30))), SessionBuilder.At(Day, 2), null, null, null, Now);
        Assert.Equal(Day, early.Day);
        Assert.Equal(TimeSpan.Zero, early.StartsAt.Offset);
    }
}
