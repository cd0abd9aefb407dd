using Microsoft.AspNetCore.Mvc.RazorPages;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Account;

/// <summary>After signing in, a person with several spaces (portfolio, coordination, administration) chooses one.</summary>
public class SpacesModel : PageModel
{
    public IReadOnlyList<Spaces.Space> Choices { get; private set; } = [];

    public void OnGet() => Choices = Spaces.Of(User);
}
