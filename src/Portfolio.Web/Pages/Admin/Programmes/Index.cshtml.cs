using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Admin.Programmes;

/// <summary>
/// Which coordinators manage which programme. A coordinator sees only the programmes assigned here (or that they
/// created); everything of another programme answers 404 to them.
/// </summary>
public class IndexModel(PortfolioDb db, UserManager<AppUser> users, IStringLocalizer<SharedResource> l) : PageModel
{
    public IReadOnlyList<ProgrammeRow> Programmes { get; private set; } = [];
    public IReadOnlyList<PersonRow> Coordinators { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Programmes = await db.Programmes.OrderBy(p => p.Title)
            .Select(p => new ProgrammeRow(p.Id, p.Code, p.Title, p.Components, p.Coordinators
                .Join(db.Users, c => c.UserId, u => u.Id, (c, u) => u)
                .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
                .Select(u => new PersonRow(u.Id, u.FirstName + " " + u.LastName, u.Email!))
                .ToList()))
            .ToListAsync();
        Coordinators = (await users.GetUsersInRoleAsync(Roles.Coordinator))
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new PersonRow(u.Id, u.DisplayName, u.Email ?? ""))
            .ToList();
    }

    public async Task<IActionResult> OnPostAssignAsync(int programmeId, string? userId)
    {
        var programme = await db.Programmes.Include(p => p.Coordinators).SingleOrDefaultAsync(p => p.Id == programmeId);
        if (programme is null)
        {
            return NotFound();
        }
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        if (user is null || !await users.IsInRoleAsync(user, Roles.Coordinator))
        {
            TempData["Message"] = l["Choisissez une personne qui a le rôle Coordination."].Value;
            return RedirectToPage();
        }
        programme.Assign(user.Id);
        await db.SaveChangesAsync();
        TempData["Message"] = l["{0} coordonne maintenant « {1} ».", user.DisplayName, programme.Title].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnassignAsync(int programmeId, string userId)
    {
        var programme = await db.Programmes.Include(p => p.Coordinators).SingleOrDefaultAsync(p => p.Id == programmeId);
        if (programme is null)
        {
            return NotFound();
        }
        programme.Unassign(userId);
        await db.SaveChangesAsync();
        TempData["Message"] = l["La coordination de « {0} » a été mise à jour.", programme.Title].Value;
        return RedirectToPage();
    }

    public sealed record ProgrammeRow(int Id, string Code, string Title, ProgrammeComponents Components, IReadOnlyList<PersonRow> Coordinators);
    public sealed record PersonRow(string Id, string Name, string Email);
}
