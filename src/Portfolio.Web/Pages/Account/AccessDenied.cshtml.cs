using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Portfolio.Web.Pages.Account;

public class AccessDeniedModel : PageModel
{
    // A real 403, so that tools and tests see the refusal, not a 200 page that happens to say so.
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
