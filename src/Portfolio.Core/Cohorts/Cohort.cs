using Portfolio.Core.Frameworks;

namespace Portfolio.Core.Cohorts;

/// <summary>A cohort ("promotion 2025-2026") of a programme, bound to one framework version for its whole life.</summary>
public class Cohort
{
    private Cohort() { }

    public Cohort(Programme programme, string name, Framework framework, DateOnly startsOn, DateOnly endsOn)
    {
        // A draft may still be replaced and a withdrawn version is gone from the choices: a cohort follows what is public.
        if (!framework.IsPublished)
        {
            throw new InvalidOperationException("A cohort follows a published framework version.");
        }
        Programme = programme;
        Framework = framework;
        Rename(name);
        Reschedule(startsOn, endsOn);
    }

    public int Id { get; private set; }
    public int ProgrammeId { get; private set; }
    public Programme Programme { get; private set; } = null!;
    public string Name { get; private set; } = "";
    public int FrameworkId { get; private set; }
    public Framework Framework { get; private set; } = null!;
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public List<Enrolment> Enrolments { get; private set; } = [];

    /// <summary>PostgreSQL's xmin: two coordinators editing the same cohort cannot overwrite each other.</summary>
    public uint RowVersion { get; private set; }

    public void Rename(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name.Trim();
    }

    public void Reschedule(DateOnly startsOn, DateOnly endsOn)
    {
        if (endsOn <= startsOn)
        {
            throw new ArgumentException("A cohort ends after it starts.", nameof(endsOn));
        }
        StartsOn = startsOn;
        EndsOn = endsOn;
    }

    /// <summary>Enrolled and not withdrawn.</summary>
    public bool IsEnrolled(string userId) => Enrolments.Any(e => e.UserId == userId && e.IsActive);

    /// <summary>Enrols a person, or takes back someone who was withdrawn (their earlier work is still theirs).</summary>
    public Enrolment Enrol(string userId, DateTimeOffset now)
    {
        if (IsEnrolled(userId))
        {
            throw new InvalidOperationException("This person is already enrolled in the cohort.");
        }
        if (Enrolments.SingleOrDefault(e => e.UserId == userId) is { } withdrawn)
        {
            withdrawn.Reinstate(now);
            return withdrawn;
        }
        var enrolment = new Enrolment(this, userId, now);
        Enrolments.Add(enrolment);
        return enrolment;
    }

    /// <summary>
    /// Takes a participant out of the cohort's active list. Nothing they wrote is deleted: the enrolment stays, marked
    /// withdrawn, so that their work keeps its cohort and they can still read it.
    /// </summary>
    public void Withdraw(string userId, DateTimeOffset now)
    {
        var enrolment = Enrolments.SingleOrDefault(e => e.UserId == userId && e.IsActive)
            ?? throw new InvalidOperationException("This person is not an active participant of the cohort.");
        enrolment.Withdraw(now);
    }
}

/// <summary>A participant's place in a cohort.</summary>
public class Enrolment
{
    private Enrolment() { }

    internal Enrolment(Cohort cohort, string userId, DateTimeOffset enrolledAt)
    {
        Cohort = cohort;
        UserId = userId;
        EnrolledAt = enrolledAt;
    }

    public int Id { get; private set; }
    public int CohortId { get; private set; }
    public Cohort Cohort { get; private set; } = null!;
    public string UserId { get; private set; } = "";
    public DateTimeOffset EnrolledAt { get; private set; }

    /// <summary>When a coordinator withdrew the participant; null while they take part.</summary>
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public bool IsActive => WithdrawnAt is null;

    internal void Withdraw(DateTimeOffset now) => WithdrawnAt = now;

    internal void Reinstate(DateTimeOffset now)
    {
        WithdrawnAt = null;
        EnrolledAt = now;
    }
}
