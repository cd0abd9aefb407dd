using Portfolio.Core.Accounts;

namespace Portfolio.Core.Cohorts;

/// <summary>Told, once an enrolment is saved, about the people enrolled who have no password yet, so that they are invited.</summary>
public interface IEnrolmentInvitations
{
    Task InviteAsync(Cohort cohort, IReadOnlyList<AppUser> people, CancellationToken cancellationToken);
}
