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
}
