using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Core.Storage;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Platform;

/// <summary>
/// `./portfolio backup` and `./portfolio restore` themselves (the script, not a copy of its commands), pointed by
/// PORTFOLIO_DB at the test server: a portfolio with an attachment comes back byte for byte in an empty database.
/// </summary>
public class BackupTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private const string RestoredDatabase = "portfolio_restored";

    [Fact]
    public async Task A_backup_restored_into_an_empty_database_holds_the_portfolio_and_its_attachment_byte_for_byte()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var client = await SignedInClientAsync("lea@example.be", Roles.Participant);
        string userId;
        await using (var db = Factory.NewDb())
        {
            userId = await db.Users.Where(u => u.Email == "lea@example.be").Select(u => u.Id).SingleAsync();
        }
        await Factory.EnrolAsync(cohortId, userId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        // Not only ASCII: a restore that mangled bytes or encodings would show here.
        var content = EvidenceTests.TinyPdf.Concat(Enumerable.Range(0, 300_000).Select(i => (byte)(i * 7 % 256))).ToArray();
        var created = await EvidenceTests.SubmitAsync(client, "/Participant/Evidence/Edit", EvidenceTests.Fields("Réunion de crise", objectives[0].Id), ("Compte rendu.pdf", content));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var file = Path.Combine(Directory.CreateTempSubdirectory("portfolio-backup-").FullName, "portfolio.dump");
        var backup = await RunScriptAsync(Factory.ConnectionString, "backup", file);
        Assert.True(backup.ExitCode == 0, backup.Output);
        Assert.True(new FileInfo(file).Length > 0);

        await TestDatabase.RecreateAsync(RestoredDatabase);
        var restoredConnection = TestDatabase.ConnectionString(RestoredDatabase);
        var restore = await RunScriptAsync(restoredConnection, "restore", file);
        Assert.True(restore.ExitCode == 0, restore.Output);

        await using (var restored = new PortfolioDb(new DbContextOptionsBuilder<PortfolioDb>().UseNpgsql(restoredConnection).Options))
        {
            var evidence = await restored.Evidence.Include(e => e.Attachments).SingleAsync();
            Assert.Equal("Réunion de crise", evidence.Title);
            Assert.Equal(userId, evidence.OwnerId);
            Assert.Equal("lea@example.be", await restored.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync());
            var attachment = Assert.Single(evidence.Attachments);
            Assert.Equal("Compte rendu.pdf", attachment.FileName);
            await using var stream = await new FileStore(restored, TimeProvider.System).OpenReadAsync(attachment.StoredFileId);
            using var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes);
            Assert.Equal(content, bytes.ToArray());
        }

        // A second restore would overwrite what is there now: refused, with the way out named.
        var again = await RunScriptAsync(restoredConnection, "restore", file);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("not empty", again.Output);
        Assert.Contains("--force", again.Output);
        var forced = await RunScriptAsync(restoredConnection, "restore", "--force", file);
        Assert.True(forced.ExitCode == 0, forced.Output);
        await using (var restored = new PortfolioDb(new DbContextOptionsBuilder<PortfolioDb>().UseNpgsql(restoredConnection).Options))
        {
            Assert.Equal(1, await restored.Evidence.CountAsync());
            Assert.Equal(1, await restored.Attachments.CountAsync());
        }
    }

    private static async Task<(int ExitCode, string Output)> RunScriptAsync(string connectionString, params string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot(), "portfolio"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PORTFOLIO_DB"] = connectionString;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Portfolio.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("Portfolio.sln not found above " + AppContext.BaseDirectory);
    }
}
