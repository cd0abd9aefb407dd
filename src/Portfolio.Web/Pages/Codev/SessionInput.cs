using System.ComponentModel.DataAnnotations;
using Portfolio.Core.Intervision;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Codev;

/// <summary>When, where, who brings a case and who runs it: the form of planning and of rescheduling.</summary>
public sealed class SessionInput
{
    [Display(Name = "Date et heure")]
    public DateTime? StartsAt { get; set; }

    [StringLength(CodevSession.PlaceLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
    [Display(Name = "Lieu")]
    public string? Place { get; set; }

    [StringLength(WebLink.MaxLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
    [Display(Name = "Lien de visioconférence")]
    public string? VideoLink { get; set; }

    [Display(Name = "Animée par")]
    public string? RunById { get; set; }

    public List<string> CaseOwnerIds { get; set; } = [];

    /// <summary>The version of the session the form was read from (rescheduling only).</summary>
    public uint RowVersion { get; set; }

    public static SessionInput From(CodevSession s) => new()
    {
        StartsAt = Dates.ToBrussels(s.StartsAt), Place = s.Place, VideoLink = s.VideoLink, RunById = s.RunById, CaseOwnerIds = [.. s.CaseOwnerIds],
        RowVersion = s.RowVersion,
    };
}

/// <summary>What the shared session fields need from their page.</summary>
public interface ISessionForm
{
    SessionInput Input { get; }
    CodevGroup Group { get; }
    IReadOnlyDictionary<string, string> Names { get; }
    IReadOnlyList<CodevRotation.Row> Proposed { get; }
}
