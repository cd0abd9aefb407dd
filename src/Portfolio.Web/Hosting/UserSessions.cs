using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;

namespace Portfolio.Web.Hosting;

/// <summary>
/// Server-side sessions (see <see cref="UserSession"/>): started at sign-in, checked on every request that carries a
/// cookie, revoked at sign-out and, for the person's other sessions, when their password changes or is reset.
/// </summary>
public sealed class UserSessions(PortfolioDb db, TimeProvider clock)
{
    public const string Claim = "portfolio:session";

    /// <summary>The session a cookie names, or null for a cookie without one (issued before sessions existed).</summary>
    public static Guid? IdOf(ClaimsPrincipal? user) =>
        Guid.TryParse(user?.FindFirstValue(Claim), out var id) ? id : null;

    public async Task<Guid> StartAsync(string userId)
    {
        var session = new UserSession(userId, clock.GetUtcNow());
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    /// <summary>One primary-key lookup: the price of a revocation that takes effect on the very next request.</summary>
    public Task<bool> IsLiveAsync(Guid id, string userId) =>
        db.UserSessions.AnyAsync(s => s.Id == id && s.UserId == userId && s.RevokedAt == null);

    public Task RevokeAsync(Guid id)
    {
        var now = clock.GetUtcNow();
        return db.UserSessions.Where(s => s.Id == id && s.RevokedAt == null).ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now));
    }

    /// <summary>Ends every session of the person but <paramref name="kept"/> (the one changing the password, if any).</summary>
    public Task RevokeOthersAsync(string userId, Guid? kept)
    {
        var now = clock.GetUtcNow();
        return db.UserSessions.Where(s => s.UserId == userId && s.RevokedAt == null && s.Id != kept)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevokedAt, now));
    }

    /// <summary>
    /// Runs before Identity's security stamp check: a cookie whose session is revoked, missing or absent is refused and
    /// deleted, so its holder is sent to sign in.
    /// </summary>
    public static Func<CookieValidatePrincipalContext, Task> Validator(Func<CookieValidatePrincipalContext, Task> next) => async context =>
    {
        var id = IdOf(context.Principal);
        var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
        if (id is not { } session || userId is null || !await sessions.IsLiveAsync(session, userId))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        await next(context);
    };

    /// <summary>The security stamp check rebuilds the principal from the database: the session claim must survive it.</summary>
    public static Task KeepSessionClaim(SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(Claim) is { } claim && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(Claim, claim.Value));
        }
        return Task.CompletedTask;
    }
}
