using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;

namespace Portfolio.Web.Pages.Codev;

/// <summary>Whether the header offers "Codéveloppement" to a participant: only when they are in an intervision group (one small query).</summary>
public sealed class CodevMenu(PortfolioDb db, IHttpContextAccessor http)
{
    public Task<bool> ShownAsync()
    {
        var me = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        return db.GroupMembers.AnyAsync(m => m.UserId == me);
    }
}
