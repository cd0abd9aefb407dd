using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Admin.Users;

public class IndexModel(PortfolioDb db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<UserRow> Users { get; private set; } = [];

    /// <summary>Why the search text cannot be searched (a control character), shown beside the box; nobody is listed then.</summary>
    public string? QueryError => ModelState.TryGetValue("q", out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;

    public async Task OnGetAsync()
    {
        if (QueryError is not null)
        {
            return;
        }
        var now = clock.GetUtcNow();
        var users = db.Users.AsQueryable();
        if (!string.IsNullOrWhiteSpace(Query))
        {
            var pattern = "%" + Query.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            users = users.Where(u => EF.Functions.ILike(u.Email!, pattern) || EF.Functions.ILike(u.LastName, pattern) || EF.Functions.ILike(u.FirstName, pattern));
        }
        Users = await users
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new UserRow(u.Id, u.FirstName, u.LastName, u.Email!,
                db.UserRoles.Where(ur => ur.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => r.Name!).OrderBy(n => n).ToList(),
                u.LockoutEnd != null && u.LockoutEnd > now,
                u.PasswordHash != null,
                u.DeactivatedAt == null,
                u.MustChangePassword))
            .ToListAsync();
    }

    public sealed record UserRow(string Id, string FirstName, string LastName, string Email, IReadOnlyList<string> Roles, bool LockedOut, bool HasPassword, bool Active, bool MustChangePassword);
}
