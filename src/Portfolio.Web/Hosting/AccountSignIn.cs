using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Portfolio.Core.Accounts;

namespace Portfolio.Web.Hosting;

/// <summary>
/// A deactivated account cannot sign in (Identity then answers NotAllowed, whatever the password). Every cookie names a
/// server-side session (<see cref="UserSessions"/>), which signing out revokes.
/// </summary>
public sealed class PortfolioSignInManager(
    UserManager<AppUser> users, IHttpContextAccessor http, IUserClaimsPrincipalFactory<AppUser> claims, IOptions<IdentityOptions> options,
    ILogger<SignInManager<AppUser>> logger, IAuthenticationSchemeProvider schemes, IUserConfirmation<AppUser> confirmation,
    UserSessions sessions)
    : SignInManager<AppUser>(users, http, claims, options, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(AppUser user) => user.IsActive && await base.CanSignInAsync(user);

    /// <summary>
    /// An unknown address costs a password hash too: otherwise the quicker answer would tell who has an account.
    /// </summary>
    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        if (await UserManager.FindByNameAsync(userName) is { } user)
        {
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);
        }
        var nobody = AppUser.Create("nobody@invalid", "", "", "");
        UserManager.PasswordHasher.VerifyHashedPassword(nobody, DummyHash(UserManager.PasswordHasher, nobody), password);
        return SignInResult.Failed;
    }

    private static string? dummyHash;

    /// <summary>Made once with the configured hasher, so that checking it costs what checking a real password costs.</summary>
    private static string DummyHash(IPasswordHasher<AppUser> hasher, AppUser nobody) =>
        dummyHash ??= hasher.HashPassword(nobody, Guid.NewGuid().ToString());

    /// <summary>
    /// Every sign-in ends here. A refreshed cookie (password changed, "must change password" lifted) keeps the session of
    /// the request when it is the same person's; any other sign-in starts a new session.
    /// </summary>
    public override async Task SignInWithClaimsAsync(AppUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        var current = UserSessions.IdOf(Context.User);
        var session = current is { } id && UserManager.GetUserId(Context.User) == user.Id ? id : await sessions.StartAsync(user.Id);
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims.Append(new Claim(UserSessions.Claim, session.ToString())));
    }

    public override async Task SignOutAsync()
    {
        if (UserSessions.IdOf(Context.User) is { } id)
        {
            await sessions.RevokeAsync(id);
        }
        await base.SignOutAsync();
    }
}

/// <summary>
/// Puts "must change password" into the sign-in cookie, so that <see cref="MustChangePassword"/> needs no query per
/// request; changing the password refreshes the cookie without it.
/// </summary>
public sealed class PortfolioClaimsFactory(UserManager<AppUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<AppUser, IdentityRole>(users, roles, options)
{
    public const string MustChangePasswordClaim = "portfolio:must-change-password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(AppUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }
        return identity;
    }
}

/// <summary>A person signed in with a password an admin typed goes nowhere but to choosing their own.</summary>
public static class MustChangePassword
{
    private static readonly string[] StillOpen = ["/Account/ChangePassword", "/Account/Logout", "/Account/Login", "/Account/AccessDenied", "/Culture", "/Error", "/health", "/lib", "/css", "/js", "/favicon.svg"];

    public static bool Applies(ClaimsPrincipal user) => user.HasClaim(c => c.Type == PortfolioClaimsFactory.MustChangePasswordClaim);

    public static IApplicationBuilder UseMustChangePassword(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (Applies(context.User) && !StillOpen.Any(path => context.Request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect("/Account/ChangePassword");
            return;
        }
        await next();
    });
}

/// <summary>Where each person works: after signing in they land on their space, or choose when they have several.</summary>
public static class Spaces
{
    public sealed record Space(string Role, string Page, string Label);

    public static readonly IReadOnlyList<Space> All =
    [
        new(Roles.Participant, "/Participant/Index", "Mon portfolio"),
        new(Roles.Coordinator, "/Coordinator/Index", "Coordination des programmes"),
        new(Roles.Admin, "/Admin/Index", "Administration"),
    ];

    public static IReadOnlyList<Space> Of(IEnumerable<string> roles) => All.Where(s => roles.Contains(s.Role)).ToList();

    public static IReadOnlyList<Space> Of(ClaimsPrincipal user) => All.Where(s => user.IsInRole(s.Role)).ToList();

    /// <summary>The page to land on after signing in: the only space, the choice between several, or the home page.</summary>
    public static string LandingPage(IReadOnlyList<Space> spaces) => spaces.Count switch
    {
        0 => "/Index",
        1 => spaces[0].Page,
        _ => "/Account/Spaces",
    };
}
