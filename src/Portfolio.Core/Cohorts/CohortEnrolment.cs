using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;

namespace Portfolio.Core.Cohorts;

/// <summary>
/// Enrols people in a cohort, creating their accounts when they have none. All or nothing: one row that cannot be
/// enrolled leaves the cohort and the accounts untouched. Used by the single-person form, the list upload and the demo data.
/// </summary>
public sealed class CohortEnrolment(PortfolioDb db, UserManager<AppUser> users, TimeProvider clock, IEnrolmentInvitations invitations)
{
    public async Task<IReadOnlyList<RowProblem>> EnrolAsync(int cohortId, IReadOnlyList<ParticipantRow> rows, CancellationToken cancellationToken = default)
    {
        var cohort = await db.Cohorts.Include(c => c.Enrolments).SingleAsync(c => c.Id == cohortId, cancellationToken);
        var emails = rows.Select(r => r.Email.ToUpperInvariant()).ToList();
        var existing = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).ToDictionaryAsync(u => u.NormalizedEmail!, cancellationToken);

        var problems = rows
            .Where(r => existing.TryGetValue(r.Email.ToUpperInvariant(), out var user) && cohort.IsEnrolled(user.Id))
            .Select(r => new RowProblem(r.Row, "« {0} » est déjà inscrit·e dans cette promotion.", r.Email))
            .ToList();
        if (problems.Count > 0)
        {
            return problems;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var withoutPassword = new List<AppUser>();
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.Email.ToUpperInvariant(), out var user))
            {
                // No password yet: the invitation sent below lets the person choose one.
                user = AppUser.Create(row.Email, row.FirstName, row.LastName, row.Organisation);
                var created = await users.CreateAsync(user);
                if (!created.Succeeded)
                {
                    problems.AddRange(created.Errors.Select(e => new RowProblem(row.Row, "Le compte de « {0} » n'a pas pu être créé : {1}", row.Email, e.Description)));
                    continue;
                }
            }
            if (!await users.IsInRoleAsync(user, Roles.Participant))
            {
                await users.AddToRoleAsync(user, Roles.Participant);
            }
            cohort.Enrol(user.Id, clock.GetUtcNow());
            if (user.PasswordHash is null)
            {
                withoutPassword.Add(user);
            }
        }
        if (problems.Count > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return problems;
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await invitations.InviteAsync(cohort, withoutPassword, cancellationToken);
        return [];
    }
}
