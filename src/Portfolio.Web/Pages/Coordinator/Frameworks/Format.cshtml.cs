using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portfolio.Web.Pages.Coordinator.Frameworks;

/// <summary>The framework file format for people who write one: fields, types, limits, and the shipped framework as an example.</summary>
public class FormatModel : PageModel
{
    /// <summary>The example offered for download: the programme's own framework, as shipped with the application.</summary>
    public const string ExampleName = "cium-management-public.json";

    public void OnGet()
    {
    }

    public IActionResult OnGetExample() =>
        PhysicalFile(Path.Combine(AppContext.BaseDirectory, "templates", "frameworks", ExampleName), "application/json; charset=utf-8", ExampleName);
}
