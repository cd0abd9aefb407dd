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
    /// <summary>Roles whose holders are never made participants without the coordinator saying so.</summary>
    public static readonly IReadOnlyList<string> StaffRoles = [Roles.Admin, Roles.Coordinator];

    /// <summary>
    /// What the coordinator should know before enrolling these rows: who already has a portfolio in another cohort, and
    /// who holds a staff role (they are enrolled only if confirmed one by one). One query per kind, whatever the rows.
    /// </summary>
    public async Task<EnrolmentReview> ReviewAsync(int cohortId, IReadOnlyList<ParticipantRow> rows, CancellationToken cancellationToken = default)
    {
        var emails = rows.Select(r => r.Email.ToUpperInvariant()).ToList();
        var accounts = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).Select(u => new { u.Id, u.NormalizedEmail }).ToListAsync(cancellationToken);
        var ids = accounts.Select(a => a.Id).ToList();
        var elsewhere = await db.Enrolments.Where(e => ids.Contains(e.UserId) && e.CohortId != cohortId)
            .OrderBy(e => e.Cohort.StartsOn)
            .Select(e => new { e.UserId, Name = e.Cohort.Name, Programme = e.Cohort.Programme.Title })
            .ToListAsync(cancellationToken);
        var staff = await db.UserRoles.Where(ur => ids.Contains(ur.UserId))
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
            .Where(x => StaffRoles.Contains(x.Name!))
            .ToListAsync(cancellationToken);
        var idByEmail = accounts.ToDictionary(a => a.NormalizedEmail!, a => a.Id);
        return new EnrolmentReview(rows.Select(row =>
        {
            var id = idByEmail.GetValueOrDefault(row.Email.ToUpperInvariant());
            return new ReviewedRow(row,
                [.. elsewhere.Where(e => e.UserId == id).Select(e => $"{e.Name} ({e.Programme})")],
                [.. staff.Where(s => s.UserId == id).Select(s => s.Name!).Order()]);
        }).ToList());
    }

    /// <summary>
    /// Enrols the rows, all or nothing. An existing account holding a staff role (<see cref="StaffRoles"/>) is enrolled
    /// and given the Participant role only when its e-mail is in <paramref name="confirmedStaff"/>; otherwise it is left out.
    /// </summary>
    public async Task<IReadOnlyList<RowProblem>> EnrolAsync(int cohortId, IReadOnlyList<ParticipantRow> rows, IReadOnlySet<string>? confirmedStaff = null,
        CancellationToken cancellationToken = default)
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
            else if (!IsConfirmed(row.Email, confirmedStaff) && (await users.GetRolesAsync(user)).Intersect(StaffRoles).Any())
            {
                // An admin or coordinator becomes a participant only on purpose: the review asked, they were not ticked.
                continue;
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

    private static bool IsConfirmed(string email, IReadOnlySet<string>? confirmed) =>
        confirmed is not null && confirmed.Contains(email.Trim(), StringComparer.OrdinalIgnoreCase);
}

/// <summary>The rows about to be enrolled, with what the coordinator must see or confirm first.</summary>
public sealed record EnrolmentReview(IReadOnlyList<ReviewedRow> Rows)
{
    public bool NeedsConfirmation => Rows.Any(r => r.OtherCohorts.Count > 0 || r.StaffRoles.Count > 0);
}

/// <param name="OtherCohorts">cohorts (with their programme) where this account already has a portfolio</param>
/// <param name="StaffRoles">Admin or Coordinator roles this account holds: enrolling it needs a confirmation</param>
public sealed record ReviewedRow(ParticipantRow Row, IReadOnlyList<string> OtherCohorts, IReadOnlyList<string> StaffRoles);
