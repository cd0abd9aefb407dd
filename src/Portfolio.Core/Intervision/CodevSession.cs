using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;
using Portfolio.Core.Text;

namespace Portfolio.Core.Intervision;

/// <summary>The kinds of contribution a member brings to the consultation (step 4).</summary>
public enum ContributionType { Reaction, Hypothesis, Suggestion, Experience }

/// <summary>
/// Who is who in a session's group when a rule is checked: the members and the facilitator as they stand now (a
/// person who left the group can no longer write in its sessions). <see cref="Components"/>: the parts the cohort's
/// programme uses (a member keeps a take-away as evidence only where the programme has evidence items).
/// </summary>
public sealed record CodevGroup(int Id, int CohortId, string Name, string? FacilitatorId, IReadOnlyCollection<string> MemberIds,
    Cohorts.ProgrammeComponents Components = Cohorts.ProgrammeComponents.Default)
{
    public bool IsMember(string userId) => MemberIds.Contains(userId);
}

/// <summary>A rule of the session refused the action; the message is French text, a key of the interface's translations.</summary>
public sealed class CodevRefusedException(string message) : InvalidOperationException(message);

/// <summary>
/// A co-development session of an intervision group (Payette &amp; Champagne): one or two case owners bring a problem,
/// concern or project; the group works on it through six steps run by the facilitator or a member they named. The
/// session keeps what each step produced, who attended, each member's own take-away, the case owners' action plans and
/// the follow-up of the previous plan. Its content is confidential to the group and its facilitator
/// (<see cref="CodevAccess"/>). Steps are written in order: a step is written once it is reached and until the session
/// is closed.
/// </summary>
public class CodevSession
{
    public const int PlaceLength = 200;
    public const int StepTextLength = 20000;
    public const int MaxCaseOwners = 2;

    private CodevSession() { }

    public CodevSession(CodevGroup group, DateTimeOffset startsAt, string? place, string? videoLink, string runById, IReadOnlyCollection<string> caseOwnerIds,
        string plannedById, DateTimeOffset now)
    {
        GroupId = group.Id;
        PlannedById = plannedById;
        CreatedAt = now;
        Schedule(group, startsAt, place, videoLink, runById, caseOwnerIds);
    }

    public int Id { get; private set; }
    public int GroupId { get; private set; }
    public IntervisionGroup Group { get; private set; } = null!;
    public DateTimeOffset StartsAt { get; private set; }
    public string? Place { get; private set; }

    /// <summary>An http(s) address only (<see cref="Text.WebLink"/>): it is offered to the group as a link.</summary>
    public string? VideoLink { get; private set; }

    /// <summary>Who runs the session: the facilitator or a member they named. The facilitator may always run it too.</summary>
    public string RunById { get; private set; } = "";

    /// <summary>One or two members who bring a case.</summary>
    public string[] CaseOwnerIds { get; private set; } = [];

    /// <summary>The calendar's revision number (SEQUENCE in the participants' feeds): raised by a move or a change of place or link.</summary>
    public int Sequence { get; private set; }

    public string PlannedById { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>0 before the session starts, then the step being run (1 to 6).</summary>
    public int CurrentStep { get; private set; }

    public string Presentation { get; private set; } = "";
    public string Clarification { get; private set; } = "";
    public string Contract { get; private set; } = "";

    /// <summary>When the first step began: the session was held.</summary>
    public DateTimeOffset? HeldAt { get; private set; }

    /// <summary>When the runner closed it after the sixth step; nothing is written afterwards.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public List<CodevContribution> Contributions { get; private set; } = [];
    public List<CodevPlan> Plans { get; private set; } = [];
    public List<CodevTakeaway> Takeaways { get; private set; } = [];
    public List<CodevAttendance> Attendance { get; private set; } = [];
    public List<CodevFollowUp> FollowUps { get; private set; } = [];
    public uint RowVersion { get; private set; }

    /// <summary>
    /// How notifications and reminders name a session: its group and when. Stored with the notification, so written in
    /// the programme's language whoever planned it.
    /// </summary>
    public static string Subject(string groupName, DateTimeOffset startsAt) =>
        $"{groupName} — {Dates.Moment(startsAt, CultureInfo.GetCultureInfo("fr-BE"))}";

    public bool IsClosed => ClosedAt is not null;
    public bool IsCaseOwner(string userId) => CaseOwnerIds.Contains(userId);
    public bool CanRun(string userId, CodevGroup group) => userId == RunById || (group.FacilitatorId is { } f && f == userId);
    public bool HasReached(CodevStep step) => CurrentStep >= (int)step;

    /// <summary>Sets the date, place or link, runner and case owners; only before the session starts.</summary>
    public void Schedule(CodevGroup group, DateTimeOffset startsAt, string? place, string? videoLink, string runById, IReadOnlyCollection<string> caseOwnerIds)
    {
        if (CurrentStep > 0)
        {
            throw new CodevRefusedException("Une séance commencée ne se replanifie plus.");
        }
        place = string.IsNullOrWhiteSpace(place) ? null : place.Trim();
        var link = string.IsNullOrWhiteSpace(videoLink) ? null : Text.WebLink.Safe(videoLink)
            ?? throw new CodevRefusedException("Le lien de visioconférence doit être une adresse web commençant par http:// ou https://.");
        if (place is null && link is null)
        {
            throw new CodevRefusedException("Indiquez un lieu ou un lien de visioconférence.");
        }
        var owners = caseOwnerIds.Distinct().ToArray();
        if (owners.Length is 0 or > MaxCaseOwners)
        {
            throw new CodevRefusedException("Une séance a un ou deux porteurs de cas.");
        }
        if (!owners.All(group.IsMember))
        {
            throw new CodevRefusedException("Les porteurs de cas sont des membres du groupe.");
        }
        if (!group.IsMember(runById) && runById != group.FacilitatorId)
        {
            throw new CodevRefusedException("La séance est animée par le facilitateur ou par un membre du groupe.");
        }
        // A first scheduling is version 0; every later change of what a calendar shows raises it.
        if (StartsAt != default && (StartsAt, Place, VideoLink) != (startsAt.ToUniversalTime(), place, link))
        {
            Sequence++;
        }
        // PostgreSQL keeps moments in UTC.
        StartsAt = startsAt.ToUniversalTime();
        Place = place;
        VideoLink = link;
        RunById = runById;
        CaseOwnerIds = owners;
    }

    /// <summary>Starts the session, moves to the next step, or closes it after the sixth; only its runner (or the facilitator).</summary>
    public void Advance(string actorId, CodevGroup group, DateTimeOffset now)
    {
        EnsureOpen();
        if (!CanRun(actorId, group))
        {
            throw new CodevRefusedException("Seule la personne qui anime la séance la fait avancer.");
        }
        if (CurrentStep == 0)
        {
            HeldAt = now;
        }
        if (CurrentStep < (int)CodevStep.Takeaways)
        {
            CurrentStep++;
        }
        else
        {
            ClosedAt = now;
        }
    }

    /// <summary>Writes what the presentation, clarification or contract produced: the runner or a case owner, once the step is reached.</summary>
    public void WriteStep(CodevStep step, string text, string actorId, CodevGroup group)
    {
        if (step is not (CodevStep.Presentation or CodevStep.Clarification or CodevStep.Contract))
        {
            throw new CodevRefusedException("Cette étape s'écrit sur sa propre page.");
        }
        EnsureReached(step);
        if (!CanRun(actorId, group) && !IsCaseOwner(actorId))
        {
            throw new CodevRefusedException("Seuls l'animateur et les porteurs de cas notent cette étape.");
        }
        text = Clean(text, StepTextLength);
        switch (step)
        {
            case CodevStep.Presentation: Presentation = text; break;
            case CodevStep.Clarification: Clarification = text; break;
            default: Contract = text; break;
        }
    }

    /// <summary>
    /// Records a member's contribution to the consultation: the member themselves or the runner taking notes for them.
    /// Case owners listen during this step, so nothing is recorded in their name.
    /// </summary>
    public CodevContribution Contribute(string memberId, ContributionType type, string text, string actorId, CodevGroup group, DateTimeOffset now)
    {
        EnsureReached(CodevStep.Consultation);
        if (!group.IsMember(memberId) || IsCaseOwner(memberId))
        {
            throw new CodevRefusedException("Seuls les membres consultants contribuent : le porteur de cas écoute.");
        }
        if (actorId != memberId && !CanRun(actorId, group))
        {
            throw new CodevRefusedException("Vous notez vos propres contributions ; l'animateur note celles des autres.");
        }
        var contribution = new CodevContribution(memberId, type, Clean(text, CodevContribution.TextLength), actorId, now);
        Contributions.Add(contribution);
        return contribution;
    }

    /// <summary>A case owner's synthesis and action plan, their own only, once step 5 is reached.</summary>
    public CodevPlan WritePlan(string ownerId, string synthesis, IReadOnlyList<CodevActionItem> items, DateTimeOffset now)
    {
        EnsureReached(CodevStep.Synthesis);
        if (!IsCaseOwner(ownerId))
        {
            throw new CodevRefusedException("Seul un porteur de cas écrit sa synthèse et son plan d'action.");
        }
        var plan = Plans.SingleOrDefault(p => p.OwnerId == ownerId);
        if (plan is null)
        {
            plan = new CodevPlan(ownerId);
            Plans.Add(plan);
        }
        plan.Write(synthesis, items, now);
        return plan;
    }

    /// <summary>What a member takes away for their own practice: each member writes their own, once step 6 is reached.</summary>
    public CodevTakeaway WriteTakeaway(string memberId, string text, CodevGroup group, DateTimeOffset now)
    {
        EnsureReached(CodevStep.Takeaways);
        if (!group.IsMember(memberId))
        {
            throw new CodevRefusedException("Seuls les membres du groupe écrivent ce qu'ils retiennent.");
        }
        var takeaway = Takeaways.SingleOrDefault(t => t.MemberId == memberId);
        if (takeaway is null)
        {
            takeaway = new CodevTakeaway(memberId);
            Takeaways.Add(takeaway);
        }
        takeaway.Write(text, now);
        return takeaway;
    }

    /// <summary>Who was there; the runner records it, for members of the group only.</summary>
    public void RecordAttendance(string actorId, CodevGroup group, IReadOnlyDictionary<string, bool> presence)
    {
        EnsureOpen();
        if (!CanRun(actorId, group))
        {
            throw new CodevRefusedException("Seule la personne qui anime la séance note les présences.");
        }
        if (!presence.Keys.All(group.IsMember))
        {
            throw new CodevRefusedException("Les présences concernent les membres du groupe.");
        }
        foreach (var (memberId, present) in presence)
        {
            var row = Attendance.SingleOrDefault(a => a.MemberId == memberId);
            if (row is null)
            {
                Attendance.Add(new CodevAttendance(memberId, present));
            }
            else
            {
                row.Mark(present);
            }
        }
    }

    /// <summary>
    /// "What I tried, what happened": the owner of an action plan from an earlier session of the same group tells the
    /// group at this session how it went.
    /// </summary>
    public CodevFollowUp WriteFollowUp(string ownerId, CodevPlan previous, int previousGroupId, string text, DateTimeOffset now)
    {
        EnsureOpen();
        if (previous.OwnerId != ownerId || previousGroupId != GroupId || previous.SessionId == Id)
        {
            throw new CodevRefusedException("Seul le porteur du plan d'action en fait le suivi, dans une séance suivante du même groupe.");
        }
        var followUp = FollowUps.SingleOrDefault(f => f.PlanId == previous.Id);
        if (followUp is null)
        {
            followUp = new CodevFollowUp(previous.Id, ownerId);
            FollowUps.Add(followUp);
        }
        followUp.Write(text, now);
        return followUp;
    }

    private void EnsureOpen()
    {
        if (IsClosed)
        {
            throw new CodevRefusedException("La séance est close : plus rien ne s'y écrit.");
        }
    }

    private void EnsureReached(CodevStep step)
    {
        EnsureOpen();
        if (!HasReached(step))
        {
            throw new CodevRefusedException("Cette étape n'est pas encore atteinte.");
        }
    }

    internal static string Clean(string? text, int max)
    {
        var cleaned = (text ?? "").Trim();
        if (cleaned.Length > max)
        {
            throw new CodevRefusedException("Le texte est trop long.");
        }
        return cleaned;
    }
}

/// <summary>One member's contribution to the consultation, by type.</summary>
public class CodevContribution
{
    public const int TextLength = 4000;

    private CodevContribution() { }

    internal CodevContribution(string memberId, ContributionType type, string text, string recordedById, DateTimeOffset now)
    {
        if (text.Length == 0)
        {
            throw new CodevRefusedException("Écrivez la contribution.");
        }
        MemberId = memberId;
        Type = type;
        Text = text;
        RecordedById = recordedById;
        RecordedAt = now;
    }

    public int Id { get; private set; }
    public int SessionId { get; private set; }
    public string MemberId { get; private set; } = "";
    public ContributionType Type { get; private set; }
    public string Text { get; private set; } = "";
    public string RecordedById { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
}

/// <summary>A dated action of a case owner's plan.</summary>
public sealed record CodevActionItem(string Text, DateOnly DueOn)
{
    public const int TextLength = 500;
}

/// <summary>A case owner's synthesis and action plan (step 5); it comes back at the group's next session for follow-up.</summary>
public class CodevPlan
{
    public const int SynthesisLength = 10000;
    public const int MaxItems = 10;

    private CodevPlan() { }

    internal CodevPlan(string ownerId) => OwnerId = ownerId;

    public int Id { get; private set; }
    public int SessionId { get; private set; }
    public CodevSession Session { get; private set; } = null!;
    public string OwnerId { get; private set; } = "";
    public string Synthesis { get; private set; } = "";
    public List<CodevActionItem> Items { get; private set; } = [];
    public DateTimeOffset WrittenAt { get; private set; }

    internal void Write(string synthesis, IReadOnlyList<CodevActionItem> items, DateTimeOffset now)
    {
        var cleaned = items.Where(i => !string.IsNullOrWhiteSpace(i.Text)).Select(i => i with { Text = i.Text.Trim() }).ToList();
        if (cleaned.Count > MaxItems)
        {
            throw new CodevRefusedException("Un plan d'action compte au plus dix actions.");
        }
        if (cleaned.Any(i => i.Text.Length > CodevActionItem.TextLength))
        {
            throw new CodevRefusedException("Le texte est trop long.");
        }
        Synthesis = CodevSession.Clean(synthesis, SynthesisLength);
        Items = cleaned;
        WrittenAt = now;
    }
}

/// <summary>What one member takes away for their own practice (step 6); theirs alone to write and to turn into evidence.</summary>
public class CodevTakeaway
{
    public const int TextLength = 10000;

    private CodevTakeaway() { }

    internal CodevTakeaway(string memberId) => MemberId = memberId;

    public int Id { get; private set; }
    public int SessionId { get; private set; }
    public CodevSession Session { get; private set; } = null!;
    public string MemberId { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTimeOffset WrittenAt { get; private set; }

    internal void Write(string text, DateTimeOffset now)
    {
        Text = CodevSession.Clean(text, TextLength);
        if (Text.Length == 0)
        {
            throw new CodevRefusedException("Écrivez ce que vous retenez.");
        }
        WrittenAt = now;
    }
}

public class CodevAttendance
{
    private CodevAttendance() { }

    internal CodevAttendance(string memberId, bool present)
    {
        MemberId = memberId;
        Present = present;
    }

    public int SessionId { get; private set; }
    public string MemberId { get; private set; } = "";
    public bool Present { get; private set; }

    internal void Mark(bool present) => Present = present;
}

/// <summary>The follow-up of an earlier action plan, told at a later session of the group by the plan's owner.</summary>
public class CodevFollowUp
{
    public const int TextLength = 10000;

    private CodevFollowUp() { }

    internal CodevFollowUp(int planId, string ownerId)
    {
        PlanId = planId;
        OwnerId = ownerId;
    }

    public int Id { get; private set; }
    public int SessionId { get; private set; }
    public int PlanId { get; private set; }
    public string OwnerId { get; private set; } = "";
    public string Text { get; private set; } = "";
    public DateTimeOffset WrittenAt { get; private set; }

    internal void Write(string text, DateTimeOffset now)
    {
        Text = CodevSession.Clean(text, TextLength);
        WrittenAt = now;
    }
}

internal sealed class CodevSessionConfiguration :
    IEntityTypeConfiguration<CodevSession>, IEntityTypeConfiguration<CodevContribution>, IEntityTypeConfiguration<CodevPlan>,
    IEntityTypeConfiguration<CodevTakeaway>, IEntityTypeConfiguration<CodevAttendance>, IEntityTypeConfiguration<CodevFollowUp>
{
    public void Configure(EntityTypeBuilder<CodevSession> s)
    {
        s.HasOne(x => x.Group).WithMany().HasForeignKey(x => x.GroupId).OnDelete(DeleteBehavior.Cascade);
        // "The group's next session" (list pages, the reminder job).
        s.HasIndex(x => new { x.GroupId, x.StartsAt });
        s.Property(x => x.Place).HasMaxLength(CodevSession.PlaceLength);
        s.Property(x => x.VideoLink).HasMaxLength(Text.WebLink.MaxLength);
        s.Property(x => x.RunById).HasMaxLength(450);
        s.Property(x => x.PlannedById).HasMaxLength(450);
        s.Property(x => x.Presentation).HasMaxLength(CodevSession.StepTextLength);
        s.Property(x => x.Clarification).HasMaxLength(CodevSession.StepTextLength);
        s.Property(x => x.Contract).HasMaxLength(CodevSession.StepTextLength);
        s.HasMany(x => x.Contributions).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        s.HasMany(x => x.Plans).WithOne(x => x.Session).HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        s.HasMany(x => x.Takeaways).WithOne(x => x.Session).HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        s.HasMany(x => x.Attendance).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        s.HasMany(x => x.FollowUps).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        s.Property(x => x.RowVersion).IsRowVersion();
    }

    public void Configure(EntityTypeBuilder<CodevContribution> c)
    {
        c.Property(x => x.Type).HasConversion<string>().HasMaxLength(20);
        c.Property(x => x.Text).HasMaxLength(CodevContribution.TextLength);
        c.HasOne<AppUser>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CodevPlan> p)
    {
        p.HasIndex(x => new { x.SessionId, x.OwnerId }).IsUnique();
        p.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
        p.Property(x => x.Synthesis).HasMaxLength(CodevPlan.SynthesisLength);
        p.OwnsMany(x => x.Items, i => i.ToJson());
    }

    public void Configure(EntityTypeBuilder<CodevTakeaway> t)
    {
        t.HasIndex(x => new { x.SessionId, x.MemberId }).IsUnique();
        t.HasOne<AppUser>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
        t.Property(x => x.Text).HasMaxLength(CodevTakeaway.TextLength);
    }

    public void Configure(EntityTypeBuilder<CodevAttendance> a)
    {
        a.HasKey(x => new { x.SessionId, x.MemberId });
        a.HasOne<AppUser>().WithMany().HasForeignKey(x => x.MemberId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<CodevFollowUp> f)
    {
        f.HasIndex(x => new { x.SessionId, x.PlanId }).IsUnique();
        f.HasOne<CodevPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
        f.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
        f.Property(x => x.Text).HasMaxLength(CodevFollowUp.TextLength);
    }
}
