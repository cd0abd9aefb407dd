using System.ComponentModel.DataAnnotations;
using Portfolio.Core.CaseStudies;

namespace Portfolio.Web.Pages.Coordinator.CaseStudies;

/// <summary>What a coordinator types about a case-study group when forming or editing it.</summary>
public class CaseStudyInput
{
    [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
    [StringLength(CaseStudyGroup.NameLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
    [Display(Name = "Nom du groupe")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
    [StringLength(CaseStudyGroup.OrganisationLength, ErrorMessage = "Le champ {0} compte au plus {1} caractères.")]
    [Display(Name = "Organisation publique étudiée")]
    public string Organisation { get; set; } = "";

    [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
    [Display(Name = "Échéance du rapport")]
    public DateOnly? Deadline { get; set; }
}
