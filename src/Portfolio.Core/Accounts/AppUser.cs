using Microsoft.AspNetCore.Identity;

namespace Portfolio.Core.Accounts;

/// <summary>A person who signs in: participant, facilitator, coordinator, jury member or admin (several at once).</summary>
public class AppUser : IdentityUser
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? Organisation { get; set; }

    /// <summary>
    /// The cohort whose portfolio the participant last chose to work in, when they belong to several; null (or a cohort
    /// they no longer belong to) means their latest enrolment.
    /// </summary>
    public int? CurrentCohortId { get; set; }

    /// <summary>The language of the messages sent to this person ("fr" or "en"), the last one they chose in the interface.</summary>
    public string PreferredLanguage { get; private set; } = DefaultLanguage;

    /// <summary>Set when an admin typed the password: the person chooses their own at the next sign-in.</summary>
    public bool MustChangePassword { get; private set; }

    /// <summary>A deactivated person cannot sign in; everything they wrote stays.</summary>
    public DateTimeOffset? DeactivatedAt { get; private set; }

    /// <summary>Column lengths, also checked by the forms and participant lists before anything is stored.</summary>
    public const int NameLength = 100;
    public const int OrganisationLength = 200;
    /// <summary>Identity's own e-mail column.</summary>
    public const int EmailLength = 256;

    public const string DefaultLanguage = "fr";
    public static readonly IReadOnlyList<string> Languages = [DefaultLanguage, "en"];

    public bool IsActive => DeactivatedAt is null;

    public string DisplayName => $"{FirstName} {LastName}".Trim() is { Length: > 0 } name ? name : Email ?? UserName ?? Id;

    public static AppUser Create(string email, string firstName, string lastName, string? organisation = null) => new()
    {
        UserName = email.Trim(),
        Email = email.Trim(),
        EmailConfirmed = true,
        FirstName = firstName.Trim(),
        LastName = lastName.Trim(),
        Organisation = string.IsNullOrWhiteSpace(organisation) ? null : organisation.Trim(),
    };

    public void PreferLanguage(string language) =>
        PreferredLanguage = Languages.FirstOrDefault(l => language.StartsWith(l, StringComparison.OrdinalIgnoreCase)) ?? DefaultLanguage;

    /// <summary>A password someone else typed is known to them: it only opens the way to choosing one's own.</summary>
    public void PasswordSetByAdmin() => MustChangePassword = true;

    public void PasswordChosen() => MustChangePassword = false;

    public void Deactivate(DateTimeOffset now) => DeactivatedAt ??= now;

    public void Reactivate() => DeactivatedAt = null;
}
