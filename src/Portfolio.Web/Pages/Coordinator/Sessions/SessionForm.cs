using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Text;
using Portfolio.Web.Text;

namespace Portfolio.Web.Pages.Coordinator.Sessions;

/// <summary>What the Add and Edit pages share: the form (Brussels dates and times), the choices, the save.</summary>
public sealed class SessionInput
{
    [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
    [Display(Name = "Type de séance")]
    public SessionKind? Kind { get; set; }

    [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
    [StringLength(CohortSession.TitleLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
    [Display(Name = "Titre")]
    public string Title { get; set; } = "";

    [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
    [Display(Name = "Date de début")]
    public DateOnly? Day { get; set; }

    [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
    [Display(Name = "Heure de début (heure de Bruxelles)")]
    public TimeOnly? Start { get; set; }

    /// <summary>Empty for a session held on one day; a study trip spans several.</summary>
    [Display(Name = "Date de fin (si plusieurs jours)")]
    public DateOnly? EndDay { get; set; }

    [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
    [Display(Name = "Heure de fin (heure de Bruxelles)")]
    public TimeOnly? End { get; set; }

    [StringLength(CohortSession.PlaceLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
    [Display(Name = "Lieu")]
    public string? Place { get; set; }

    [Display(Name = "Module ou pilier du référentiel")]
    public int? PillarId { get; set; }

    [Display(Name = "Compétence de leadership (séminaires)")]
    public int? CompetencyId { get; set; }

    public uint RowVersion { get; set; }

    /// <summary>The moments the form's Brussels dates and times stand for; null (with a message) when they cannot be read.</summary>
    public (DateTimeOffset StartsAt, DateTimeOffset EndsAt)? Moments(ModelStateDictionary state, IStringLocalizer l)
    {
        if (Day is not { } day || Start is not { } start || End is not { } end)
        {
            return null;
        }
        var endDay = EndDay ?? day;
        if (day.Year is < 2000 or > 2100 || endDay.Year is < 2000 or > 2100)
        {
            state.AddModelError("Input.Day", l["Choisissez une date entre 2000 et 2100."]);
            return null;
        }
        return (Dates.FromBrussels(day.ToDateTime(start)), Dates.FromBrussels(endDay.ToDateTime(end)));
    }

    /// <summary>
    /// Refuses a module or competency of another framework than the cohort's (a forged post): only the cohort's
    /// framework gives the choices.
    /// </summary>
    public bool CheckTies(FrameworkModel framework, ModelStateDictionary state, IStringLocalizer l)
    {
        if (PillarId is { } p && !framework.PillarsById.ContainsKey(p))
        {
            state.AddModelError("Input.PillarId", l["Choisissez un module du référentiel de la promotion."]);
        }
        if (CompetencyId is { } c && !framework.CompetenciesById.ContainsKey(c))
        {
            state.AddModelError("Input.CompetencyId", l["Choisissez une compétence du référentiel de la promotion."]);
        }
        return state.IsValid;
    }

    public static SessionInput From(CohortSession s)
    {
        var start = Dates.ToBrussels(s.StartsAt);
        var end = Dates.ToBrussels(s.EndsAt);
        return new SessionInput
        {
            Kind = s.Kind,
            Title = s.Title,
            Day = DateOnly.FromDateTime(start),
            Start = TimeOnly.FromDateTime(start),
            EndDay = DateOnly.FromDateTime(end) == DateOnly.FromDateTime(start) ? null : DateOnly.FromDateTime(end),
            End = TimeOnly.FromDateTime(end),
            Place = s.Place,
            PillarId = s.PillarId,
            CompetencyId = s.LeadershipCompetencyId,
            RowVersion = s.RowVersion,
        };
    }
}

/// <summary>The Add and Edit pages, as the shared form fields see them.</summary>
public interface ISessionForm
{
    SessionInput Input { get; }
    IReadOnlyList<SelectListItem> Kinds { get; }
    IReadOnlyList<SelectListItem> Pillars { get; }
    IReadOnlyList<SelectListItem> Competencies { get; }
}

public static class SessionSaving
{
    /// <summary>The cohort's name and framework tree, for a cohort the coordinator coordinates; null otherwise.</summary>
    public static async Task<(string CohortName, FrameworkModel Framework)?> CohortAsync(PortfolioDb db, Coordination coordination, FrameworkModels frameworks, int cohortId)
    {
        var cohort = await coordination.Cohorts.Where(c => c.Id == cohortId)
            .Select(c => new { c.Name, c.FrameworkId, c.Framework.Revision }).SingleOrDefaultAsync();
        return cohort is null ? null : (cohort.Name, await frameworks.GetAsync(db, cohort.FrameworkId, cohort.Revision));
    }

    public static IReadOnlyList<SelectListItem> Kinds(IStringLocalizer l) =>
        Enum.GetValues<SessionKind>().Select(k => new SelectListItem(SessionTexts.Kind(l, k), k.ToString())).ToList();

    public static IReadOnlyList<SelectListItem> Pillars(FrameworkModel framework) =>
        framework.Pillars.Select(p => new SelectListItem($"{p.Code} — {p.Title}", p.Id.ToString())).ToList();

    public static IReadOnlyList<SelectListItem> Competencies(FrameworkModel framework) =>
        framework.LeadershipCompetencies.Select(c => new SelectListItem($"{c.Code} — {c.Title}", c.Id.ToString())).ToList();

    /// <summary>Saves; a second seminar in force for the same competency is answered with a message, nothing saved.</summary>
    public static async Task<bool> SaveAsync(PortfolioDb db, ModelStateDictionary state, IStringLocalizer l)
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            state.AddModelError("Input.CompetencyId", l["Cette compétence a déjà son séminaire dans la promotion : modifiez celui-là."]);
            return false;
        }
    }
}
