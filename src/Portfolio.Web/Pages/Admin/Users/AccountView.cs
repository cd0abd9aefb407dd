using Microsoft.Extensions.Localization;
using Portfolio.Core.Accounts;

namespace Portfolio.Web.Pages.Admin.Users;

/// <summary>What the account pages show of a person, and the one wording of their state.</summary>
public sealed record AccountView(string Id, string DisplayName, string Email, string? Organisation, bool LockedOut, bool Active, bool HasPassword, bool MustChangePassword)
{
    public static AccountView Of(AppUser user, DateTimeOffset now) =>
        new(user.Id, user.DisplayName, user.Email ?? "", user.Organisation, user.LockoutEnd > now, user.IsActive, user.PasswordHash is not null, user.MustChangePassword);

    public string State(IStringLocalizer l) => StateOf(l, Active, LockedOut, HasPassword, MustChangePassword);

    public static string StateOf(IStringLocalizer l, bool active, bool lockedOut, bool hasPassword, bool mustChangePassword) =>
        !active ? l["désactivé"]
        : lockedOut ? l["verrouillé"]
        : !hasPassword ? l["sans mot de passe"]
        : mustChangePassword ? l["mot de passe provisoire"]
        : l["actif"];
}
