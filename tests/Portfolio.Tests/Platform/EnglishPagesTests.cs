using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Portfolios;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Platform;

/// <summary>
/// Pages read in English say no French interface word: the framework's pillar label ("Pilier") is translated, so are
/// visibilities ("Privée"), counts and dates. What people and frameworks wrote (titles, descriptions) stays as written.
/// </summary>
public partial class EnglishPagesTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    /// <summary>French interface words that neither the shipped framework's texts nor the test data below contain.</summary>
    [GeneratedRegex(@"\b(?:[Pp]iliers?|[Pp]rivée|[Pp]artagée|[Pp]airs nommés|[Pp]reuves?|[Aa]ucune?|[Aa]cquis|décembre|janvier|février|juin|juillet|[Pp]romotion|[Cc]ampagne|[Rr]éflexions?)\b")]
    private static partial Regex FrenchWord();

    [Fact]
    public async Task Pages_read_in_english_contain_no_french_interface_word()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync("Class of 2026");
        var client = await SignedInClientAsync("amelie@example.be", Roles.Participant);
        string userId;
        await using (var db = Factory.NewDb())
        {
            userId = await db.Users.Where(u => u.Email == "amelie@example.be").Select(u => u.Id).SingleAsync();
            // The campaigns are data written in French by the coordinator: give them English names for this test.
            foreach (var campaign in await db.Campaigns.ToListAsync())
            {
                campaign.Rename(campaign.Position == 1 ? "Baseline" : "Mid-term");
            }
            await db.SaveChangesAsync();
        }
        await Factory.EnrolAsync(cohortId, userId);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        var evidenceId = await Factory.AddEvidenceAsync(userId, cohortId, "Crisis meeting", [objectives[0].Id], occurredOn: new DateOnly(2026, 12, 4));
        await using (var db = Factory.NewDb())
        {
            var entry = new JournalEntry(userId, cohortId, DateTimeOffset.UtcNow);
            entry.Write(new DateOnly(2026, 1, 15), "After the seminar", "What I learnt.", null, null, null, Visibility.Private, DateTimeOffset.UtcNow);
            db.JournalEntries.Add(entry);
            await db.SaveChangesAsync();
        }
        var campaignId = await Factory.NewDb().Campaigns.Where(c => c.CohortId == cohortId && c.Position == 1).Select(c => c.Id).SingleAsync();

        var pages = new[]
        {
            "/Participant", "/Participant/Evidence", "/Participant/Evidence/Edit", $"/Participant/Evidence/Details/{evidenceId}",
            $"/Participant/Evidence/Delete/{evidenceId}", "/Participant/Journal", "/Participant/Journal/Edit", "/Participant/Assessments",
            $"/Participant/Assessments/Edit?campaignId={campaignId}&objectiveId={objectives[0].Id}", "/Participant/Progression", "/Participant/Group", "/Frameworks",
        };
        var found = new List<string>();
        foreach (var url in pages)
        {
            var page = await GetPageAsync(client, url + (url.Contains('?') ? "&" : "?") + "culture=en");
            Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
            found.AddRange(FrenchWords(page).Select(w => $"{url}: {w}"));
        }
        Assert.True(found.Count == 0, "French on English pages:\n" + string.Join("\n", found));

        var evidence = await GetPageAsync(client, "/Participant/Evidence?culture=en");
        Assert.Contains("1 evidence item", evidence.QuerySelector("#list-title")!.TextContent);
        Assert.Contains("Private", evidence.QuerySelector("main table")!.TextContent);
        Assert.Contains("4 December 2026", evidence.QuerySelector("main table")!.TextContent);
        Assert.Contains("Pillar P1", (await GetPageAsync(client, "/Participant/Assessments?culture=en")).QuerySelector("main")!.TextContent);
        Assert.Contains("6 pillars · 22 objectives", (await GetPageAsync(client, "/Frameworks?culture=en")).QuerySelector("main table")!.TextContent);
    }

    /// <summary>French words in what the interface says: the main text and the labels a screen reader reads.</summary>
    private static IEnumerable<string> FrenchWords(IHtmlDocument page)
    {
        var main = page.QuerySelector("main")!;
        var texts = new[] { main.TextContent }
            .Concat(main.QuerySelectorAll("[aria-label]").Select(e => e.GetAttribute("aria-label")!))
            .Concat(main.QuerySelectorAll("optgroup[label]").Select(e => e.GetAttribute("label")!));
        return texts.SelectMany(t => FrenchWord().Matches(t).Select(m => m.Value)).Distinct();
    }
}
