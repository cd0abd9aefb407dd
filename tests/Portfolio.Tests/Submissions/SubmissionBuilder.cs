using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Juries;
using Portfolio.Core.Portfolios;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Juries;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Submissions;

/// <summary>Small builders for submissions: a candidate's work, a jury with its declarations.</summary>
public static class SubmissionBuilder
{

    /// <summary>An evidence item with a PDF, made through the real form, then marked for assessment on its details page.</summary>
    public static async Task<int> MarkedEvidenceWithPdfAsync(HttpClient client, int objectiveId, string title, byte[] pdf)
    {
        var response = await EvidenceTests.SubmitAsync(client, "/Participant/Evidence/Edit", EvidenceTests.Fields(title, objectiveId), ("Compte rendu.pdf", pdf));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = int.Parse(response.Headers.Location!.ToString().Split('/').Last());
        var mark = await PostAsync(client, $"/Participant/Evidence/Details/{id}", "#assessment-mark", new() { ["marked"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, mark.StatusCode);
        return id;
    }

    /// <summary>Posts one form of a page, found by selector, as a browser would.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string formSelector, Dictionary<string, string> fields)
    {
        var page = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(await page.Content.ReadAsStringAsync());
        var form = Assert.IsAssignableFrom<IHtmlFormElement>(document.QuerySelector(formSelector));
        return await client.PostAsync(form.GetAttribute("action") is { Length: > 0 } a ? a : url, new FormUrlEncodedContent(Values(form, fields)));
    }

    public static List<KeyValuePair<string, string>> Values(IHtmlFormElement form, Dictionary<string, string> fields)
    {
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            switch (element)
            {
                case IHtmlInputElement input when name is not null && input.Type is not ("file" or "submit") && (input.Type is not ("checkbox" or "radio") || input.IsChecked):
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area when name is not null:
                    values.Add(new(name, area.Value));
                    break;
            }
        }
        values.RemoveAll(v => fields.ContainsKey(v.Key));
        values.AddRange(fields);
        return values;
    }

    public static Task<HttpResponseMessage> SubmitForAssessmentAsync(HttpClient client, Dictionary<string, string>? fields = null) =>
        PostAsync(client, "/Participant/Submission", "#submission-form", new(fields ?? new Dictionary<string, string>()) { ["Input.Confirm"] = "true" });

    public static Task<HttpResponseMessage> WriteSectionAsync(HttpClient client, string key, string text) =>
        PostAsync(client, $"/Participant/Report/Edit/{key}", "#section-form", new() { ["Input.Text"] = text });

    /// <summary>A jury of the cohort with these members (the first chairs), the candidate assigned; returns the jury candidate's id.</summary>
    public static async Task<int> JuryWithCandidateAsync(this PortfolioFactory factory, int cohortId, string name, string[] jurorIds, string? candidateId)
    {
        var juryId = await factory.CreateJuryAsync(cohortId, name, jurorIds, candidateId is null ? [] : [candidateId]);
        return candidateId is null ? 0 : await factory.CandidacyAsync(juryId, candidateId);
    }

    public static async Task<int> AddReflectionAsync(this PortfolioFactory factory, string ownerId, int cohortId, string title, string body)
    {
        await using var db = factory.NewDb();
        var entry = new JournalEntry(ownerId, cohortId, DateTimeOffset.UtcNow);
        entry.Write(PortfolioBuilder.Today, title, body, null, null, null, Visibility.Private, DateTimeOffset.UtcNow);
        db.JournalEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }
}
