using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Juries;
using Portfolio.Core.Text;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.Juries;

/// <summary>Small builders for jury data: named people, juries, candidates, declarations and exams stored for a test.</summary>
public static class JuryBuilder
{
    /// <summary>A person with a real first and last name (the clash messages name people), and these roles.</summary>
    public static async Task<string> CreatePersonAsync(this PortfolioFactory factory, string email, string firstName, string lastName, params string[] roles)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = AppUser.Create(email, firstName, lastName, "Organisation test");
        var created = await users.CreateAsync(user, IntegrationTest.Password);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        return user.Id;
    }

    public static async Task<int> CreateJuryAsync(this PortfolioFactory factory, int cohortId, string name, string[] memberIds, params string[] candidateIds)
    {
        await using var db = factory.NewDb();
        var jury = Jury.Form(cohortId, name, memberIds, memberIds[0], DateTimeOffset.UtcNow);
        foreach (var id in candidateIds)
        {
            jury.Assign(id, DateTimeOffset.UtcNow);
        }
        db.Juries.Add(jury);
        await db.SaveChangesAsync();
        return jury.Id;
    }

    public static async Task<int> CandidacyAsync(this PortfolioFactory factory, int juryId, string participantId)
    {
        await using var db = factory.NewDb();
        return await db.JuryCandidates.Where(c => c.JuryId == juryId && c.ParticipantId == participantId).Select(c => c.Id).SingleAsync();
    }

    /// <summary>The candidacies of a jury, by participant.</summary>
    public static async Task<Dictionary<string, int>> CandidaciesAsync(this PortfolioFactory factory, int juryId)
    {
        await using var db = factory.NewDb();
        return await db.JuryCandidates.Where(c => c.JuryId == juryId).ToDictionaryAsync(c => c.ParticipantId, c => c.Id);
    }

    public static async Task DeclareAsync(this PortfolioFactory factory, int juryCandidateId, string jurorId, ConflictLevel level, string? explanation = null)
    {
        await using var db = factory.NewDb();
        var candidate = await db.JuryCandidates.Include(c => c.Jury).ThenInclude(j => j.Members).SingleAsync(c => c.Id == juryCandidateId);
        db.ConflictDeclarations.Add(new ConflictDeclaration(candidate, jurorId, level, explanation ?? (level == ConflictLevel.Minor ? "Ancien collègue" : null), DateTimeOffset.UtcNow));
        await db.SaveChangesAsync();
    }

    /// <summary>An exam stored directly (Brussels wall-clock time), for tests about what comes after scheduling.</summary>
    public static async Task<int> ScheduleAsync(this PortfolioFactory factory, int juryCandidateId, DateTime brusselsStart, int minutes = 45, string? room = "Salle A", string? link = null)
    {
        await using var db = factory.NewDb();
        var candidate = await db.JuryCandidates.Include(c => c.Jury).ThenInclude(j => j.Members).SingleAsync(c => c.Id == juryCandidateId);
        var sitting = await ExamSchedule.SittingJurorsAsync(db, candidate.Jury.Members.Select(m => m.UserId).ToList(), [candidate.Id]);
        var exam = new Exam(candidate, sitting[candidate.Id], Dates.FromBrussels(brusselsStart), minutes, room, link, DateTimeOffset.UtcNow);
        db.Exams.Add(exam);
        await db.SaveChangesAsync();
        return exam.Id;
    }
}
