using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;
using Portfolio.Core.Notifications;
using Portfolio.Core.Text;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Exams;

/// <summary>What the Schedule and Move pages share: the form, the save that turns a double booking into named clashes, the notices.</summary>
public sealed class ExamInput
{
    [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
    [Display(Name = "Date")]
    public DateOnly? Day { get; set; }

    [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
    [Display(Name = "Heure de début (heure de Bruxelles)")]
    public TimeOnly? Start { get; set; }

    [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
    [Range(Exam.MinMinutes, Exam.MaxMinutes, ErrorMessage = "Le champ {0} va de {1} à {2}.")]
    [Display(Name = "Durée (minutes)")]
    public int? Minutes { get; set; }

    [StringLength(Exam.RoomLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
    [Display(Name = "Salle")]
    public string? Room { get; set; }

    [StringLength(WebLink.MaxLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
    [Display(Name = "Lien de visioconférence")]
    public string? VideoLink { get; set; }

    public uint RowVersion { get; set; }

    /// <summary>The moment the form's Brussels date and time stand for; null (with a message) for a date out of any plausible range.</summary>
    public DateTimeOffset? StartsAt(ModelStateDictionary state, IStringLocalizer l)
    {
        if (Day is not { } day || Start is not { } start)
        {
            return null;
        }
        if (day.Year is < 2000 or > 2100)
        {
            state.AddModelError("Input.Day", l["Choisissez une date entre 2000 et 2100."]);
            return null;
        }
        return Dates.FromBrussels(day.ToDateTime(start));
    }

    public static ExamInput From(Exam exam)
    {
        var local = Dates.ToBrussels(exam.StartsAt);
        return new ExamInput
        {
            Day = DateOnly.FromDateTime(local),
            Start = TimeOnly.FromDateTime(local),
            Minutes = exam.Minutes,
            Room = exam.Room,
            VideoLink = exam.VideoLink,
            RowVersion = exam.RowVersion,
        };
    }
}

public static class ExamSaving
{
    /// <summary>
    /// Saves the exam; when the database refuses a double booking, answers what clashes with what (and nothing is saved).
    /// Also refuses a second exam in force for the same candidate (a double submit).
    /// </summary>
    public static async Task<IReadOnlyList<string>> SaveAsync(PortfolioDb db, Exam exam, IStringLocalizer l)
    {
        try
        {
            await db.SaveChangesAsync();
            return [];
        }
        catch (DbUpdateException e) when (ExamSchedule.IsDoubleBooking(e))
        {
            var clashes = await ExamSchedule.ClashesAsync(db, [exam]);
            return clashes.Count > 0
                ? clashes.Select(c => JuryTexts.Clash(l, c)).Distinct().ToList()
                : [l["Une autre réservation occupe ce créneau : rechargez le calendrier et recommencez."]];
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return [l["Cet examen est déjà planifié."]];
        }
    }

    /// <summary>An exam that is not cancelled, tracked with its bookings, with the names its pages show.</summary>
    public sealed record ExamInForce(Exam Exam, string CohortName, string CandidateName);

    /// <summary>The exam in force of a cohort the coordinator coordinates, or null (not found).</summary>
    public static Task<ExamInForce?> InForceAsync(PortfolioDb db, Coordination coordination, int id) =>
        db.Exams.Where(e => e.Id == id && e.CancelledAt == null && coordination.Cohorts.Any(k => k.Id == e.JuryCandidate.CohortId))
            .Include(e => e.Bookings).Include(e => e.JuryCandidate)
            .Select(e => new ExamInForce(
                e,
                db.Cohorts.Where(k => k.Id == e.JuryCandidate.CohortId).Select(k => k.Name).First(),
                db.Users.Where(u => u.Id == e.JuryCandidate.ParticipantId).Select(u => u.FirstName + " " + u.LastName).First()))
            .AsSplitQuery()
            .SingleOrDefaultAsync();

    /// <summary>Who an exam concerns: the candidate (named in the jurors' notices) and the members of the jury who did not step aside.</summary>
    public sealed record People(string CandidateId, string CandidateName, IReadOnlyList<string> JurorIds);

    public static Task<People> PeopleAsync(PortfolioDb db, int juryCandidateId) =>
        db.JuryCandidates.Where(c => c.Id == juryCandidateId)
            .Select(c => new People(
                c.ParticipantId,
                db.Users.Where(u => u.Id == c.ParticipantId).Select(u => u.FirstName + " " + u.LastName).First(),
                c.Jury.Members.Where(m => !JuryAccess.SteppedAside(db).Any(d => d.JuryCandidateId == c.Id && d.JurorId == m.UserId))
                    .Select(m => m.UserId).ToList()))
            .SingleAsync();

    /// <summary>Tells the candidate and the jurors, in the save in progress: the notices exist if and only if the change was saved.</summary>
    public static void Notify(PortfolioDb db, People people, DateTimeOffset startsAt, NotificationKind kind, string? actorId, DateTimeOffset now)
    {
        var when = Dates.Moment(startsAt);
        db.Notify(people.CandidateId, kind, when, "/Participant/Exam", actorId, now);
        foreach (var juror in people.JurorIds)
        {
            db.Notify(juror, kind, $"{people.CandidateName} — {when}", "/Jury/Schedule", actorId, now);
        }
    }
}

/// <summary>The Schedule and Move pages, as the shared form fields see them.</summary>
public interface IExamForm
{
    ExamInput Input { get; }
    IReadOnlyList<string> Clashes { get; }
}
