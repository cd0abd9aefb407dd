using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Web.Mail;

namespace Portfolio.Tests.Accounts;

/// <summary>Invitations, reset links and the outbox, read back from the pickup folder as a person would read their mail.</summary>
public partial class InvitationTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    [GeneratedRegex(@"https?://\S+/Account/SetPassword\?token=[A-Za-z0-9_%-]+")]
    private static partial Regex SetPasswordLink();

    private static string LinkIn(MimeMessage message)
    {
        var match = SetPasswordLink().Match(message.TextBody ?? "");
        Assert.True(match.Success, "no password link in:\n" + message.TextBody);
        return match.Value;
    }

    /// <summary>The link's path and query, for the test client (which serves the app on its own host).</summary>
    private static string PathOf(string link) => new Uri(link).PathAndQuery;

    /// <summary>Enrols a new person through the service, outside any web request, as the list upload and the demo data do.</summary>
    private async Task<int> EnrolNewPersonAsync(string email = "nouvelle@example.be")
    {
        var cohortId = await Factory.CreateCohortAsync();
        await using var scope = Factory.Services.CreateAsyncScope();
        var enrolment = scope.ServiceProvider.GetRequiredService<CohortEnrolment>();
        Assert.Empty(await enrolment.EnrolAsync(cohortId, [new ParticipantRow(1, email, "Zoé", "Lambert", "Ville de Mons")]));
        return cohortId;
    }

    private static Task<HttpResponseMessage> SetPasswordAsync(HttpClient client, string path, string password) =>
        PostFormAsync(client, path, new() { ["Input.NewPassword"] = password, ["Input.ConfirmPassword"] = password });

    [Fact]
    public async Task Enrolling_a_person_without_a_password_sends_an_invitation_in_text_and_html()
    {
        await EnrolNewPersonAsync();

        var message = Assert.Single(await Factory.MailsAsync());
        Assert.Equal("nouvelle@example.be", message.To.Mailboxes.Single().Address);
        Assert.Equal("Invitation au portfolio de la promotion « Promotion 2025-2026 »", message.Subject);
        Assert.Contains("Bonjour Zoé,", message.TextBody);
        // No request, no PublicUrl setting: links point at the address `./portfolio run` serves.
        Assert.StartsWith("http://127.0.0.1:5080/Account/SetPassword?token=", LinkIn(message));
        Assert.Contains("Choisir mon mot de passe", message.HtmlBody);
        Assert.Contains("href=\"http://127.0.0.1:5080/Account/SetPassword?token=", message.HtmlBody);
    }

    [Fact]
    public async Task Names_are_encoded_in_the_html_part_and_messages_follow_the_persons_language()
    {
        var person = await CreateUserAsync("person@example.be", Roles.Participant);
        await using (var db = Factory.NewDb())
        {
            var stored = await db.Users.SingleAsync(u => u.Id == person.Id);
            stored.FirstName = "<b>Zoé</b>";
            stored.PreferLanguage("en");
            await db.SaveChangesAsync();
        }
        await PostFormAsync(NewClient(), "/Account/ForgotPassword", new() { ["Input.Email"] = "person@example.be" });

        var message = Assert.Single(await Factory.MailsAsync());
        Assert.Equal("Reset your Portfolio password", message.Subject);
        Assert.Contains("Hello <b>Zoé</b>,", message.TextBody);
        Assert.Contains("Hello &lt;b&gt;Zo", message.HtmlBody);
        Assert.DoesNotContain("<b>Zo", message.HtmlBody);
    }

    [Fact]
    public async Task Forgot_password_answers_the_same_for_an_unknown_address_and_only_a_known_one_gets_a_mail()
    {
        await CreateUserAsync("known@example.be", Roles.Participant);

        var known = await PostFormAsync(NewClient(), "/Account/ForgotPassword", new() { ["Input.Email"] = "known@example.be" });
        var unknown = await PostFormAsync(NewClient(), "/Account/ForgotPassword", new() { ["Input.Email"] = "nobody@example.be" });

        Assert.Equal(HttpStatusCode.Redirect, known.StatusCode);
        Assert.Equal(known.StatusCode, unknown.StatusCode);
        Assert.Equal(known.Headers.Location, unknown.Headers.Location);
        Assert.Equal(known.Headers.Select(h => h.Key).Order(), unknown.Headers.Select(h => h.Key).Order());
        var messages = await Factory.MailsAsync();
        await Task.Delay(1500);
        messages = await Factory.MailsAsync();
        var message = Assert.Single(messages);
        Assert.Equal("known@example.be", message.To.Mailboxes.Single().Address);
        Assert.Equal("Réinitialisation de votre mot de passe Portfolio", message.Subject);
    }

    [Fact]
    public async Task Forgot_password_shows_the_same_confirmation_whatever_the_address()
    {
        await CreateUserAsync("known@example.be", Roles.Participant);
        var texts = new List<string>();
        foreach (var email in new[] { "known@example.be", "nobody@example.be" })
        {
            var client = NewClient();
            var response = await PostFormAsync(client, "/Account/ForgotPassword", new() { ["Input.Email"] = email });
            var page = await GetPageAsync(client, response.Headers.Location!.ToString());
            texts.Add(page.QuerySelector("main")!.TextContent);
        }
        Assert.Equal(texts[0], texts[1]);
        Assert.Contains("Si un compte existe pour cette adresse", texts[0]);
    }

    [Fact]
    public async Task A_password_link_is_single_use()
    {
        await EnrolNewPersonAsync();
        var path = PathOf(LinkIn(Assert.Single(await Factory.MailsAsync())));
        var client = NewClient();

        var set = await SetPasswordAsync(client, path, "Mon-premier-2026");

        // Signed in at once, and on their portfolio.
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/Participant", set.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Participant")).StatusCode);

        var again = await GetPageAsync(NewClient(), path);
        Assert.Contains("Ce lien a déjà servi", again.QuerySelector("main")!.TextContent);
        Assert.NotNull(again.QuerySelector("main a[href='/Account/ForgotPassword']"));
        Assert.Null(again.QuerySelector("main form"));
        await using var db = Factory.NewDb();
        var link = await db.PasswordLinks.SingleAsync();
        Assert.NotNull(link.UsedAt);
    }

    [Fact]
    public async Task A_password_link_expires_after_seven_days()
    {
        await EnrolNewPersonAsync();
        var path = PathOf(LinkIn(Assert.Single(await Factory.MailsAsync())));
        var client = NewClient();
        // The form as it was opened in a tab before the link expired.
        var openedEarlier = FormValues((AngleSharp.Html.Dom.IHtmlFormElement)(await GetPageAsync(client, path)).QuerySelector("main form")!);
        await using (var db = Factory.NewDb())
        {
            var link = await db.PasswordLinks.SingleAsync();
            Assert.Equal(TimeSpan.FromDays(7), link.ExpiresAt - link.CreatedAt);
            // Eight days later.
            await db.PasswordLinks.ExecuteUpdateAsync(s => s
                .SetProperty(k => k.CreatedAt, k => k.CreatedAt.AddDays(-8))
                .SetProperty(k => k.ExpiresAt, k => k.ExpiresAt.AddDays(-8)));
        }

        var page = await GetPageAsync(client, path);
        Assert.Contains("Ce lien a expiré", page.QuerySelector("main")!.TextContent);
        Assert.NotNull(page.QuerySelector("main a[href='/Account/ForgotPassword']"));

        openedEarlier.RemoveAll(v => v.Key.StartsWith("Input."));
        openedEarlier.Add(new("Input.NewPassword", "Mon-premier-2026"));
        openedEarlier.Add(new("Input.ConfirmPassword", "Mon-premier-2026"));
        var posted = await client.PostAsync(path, new FormUrlEncodedContent(openedEarlier));
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("Ce lien a expiré", (await ParseAsync(posted)).QuerySelector("main")!.TextContent);
        await using var check = Factory.NewDb();
        Assert.Null((await check.Users.SingleAsync(u => u.Email == "nouvelle@example.be")).PasswordHash);
    }

    [Fact]
    public async Task A_retried_send_job_does_not_send_twice()
    {
        await EnrolNewPersonAsync();
        Assert.Single(await Factory.MailsAsync());
        Guid mailId;
        await using (var db = Factory.NewDb())
        {
            mailId = (await db.OutgoingMails.SingleAsync()).Id;
        }

        // Hangfire delivers the same job again (a retry after a lost acknowledgement), twice at once.
        await Task.WhenAll(Enumerable.Range(0, 2).Select(async _ =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<MailDelivery>().SendAsync(mailId, CancellationToken.None);
        }));

        Assert.Single(Directory.GetFiles(Factory.PickupFolder, "*.eml"));
        await using var check = Factory.NewDb();
        var mail = await check.OutgoingMails.SingleAsync();
        Assert.NotNull(mail.SentAt);
        Assert.Equal(1, mail.Attempts);
    }

    [Fact]
    public async Task Queuing_the_same_request_twice_queues_one_message()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var now = DateTimeOffset.UtcNow;
        await outbox.QueueAsync([new("test:1", "a@example.be", "A", "Sujet", "Texte", "<p>Texte</p>", now)]);
        await outbox.QueueAsync([new("test:1", "a@example.be", "A", "Sujet", "Texte", "<p>Texte</p>", now)]);

        Assert.Single(await Factory.MailsAsync());
        await Task.Delay(1500);
        Assert.Single(Directory.GetFiles(Factory.PickupFolder, "*.eml"));
        await using var db = Factory.NewDb();
        Assert.Equal(1, await db.OutgoingMails.CountAsync());
    }

    [Fact]
    public async Task A_coordinator_resends_an_invitation_from_the_cohort_page_and_only_the_newest_link_is_needed()
    {
        var cohortId = await EnrolNewPersonAsync();
        Assert.Single(await Factory.MailsAsync());
        var coordinator = await SignedInClientAsync("coord@example.be", Roles.Coordinator);

        var resent = await PostFormAsync(coordinator, $"/Coordinator/Cohorts/Details/{cohortId}", [], formSelector: "#participants form");

        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var details = await GetPageAsync(coordinator, resent.Headers.Location!.ToString());
        Assert.Contains("Une nouvelle invitation a été envoyée à nouvelle@example.be.", details.QuerySelector("[role=status]")!.TextContent);
        var messages = await Factory.MailsAsync(2);
        Assert.Equal(2, messages.Count);
        var first = PathOf(LinkIn(messages[0]));
        var second = PathOf(LinkIn(messages[1]));
        Assert.NotEqual(first, second);

        // Choosing a password through the newest link closes the older one too.
        Assert.Equal(HttpStatusCode.Redirect, (await SetPasswordAsync(NewClient(), second, "Mon-premier-2026")).StatusCode);
        Assert.Contains("Ce lien a déjà servi", (await GetPageAsync(NewClient(), first)).QuerySelector("main")!.TextContent);
        var after = await GetPageAsync(coordinator, $"/Coordinator/Cohorts/Details/{cohortId}");
        Assert.Empty(after.QuerySelectorAll("#participants form"));
    }

    [Fact]
    public async Task An_admin_sends_a_reset_link_and_never_sees_the_password()
    {
        var person = await CreateUserAsync("person@example.be", Roles.Participant);
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);

        var sent = await PostFormAsync(admin, $"/Admin/Users/Password/{person.Id}", [], handler: "SendLink");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var message = Assert.Single(await Factory.MailsAsync());
        Assert.Equal("person@example.be", message.To.Mailboxes.Single().Address);
        var client = NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SetPasswordAsync(client, PathOf(LinkIn(message)), "Tout-nouveau-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(NewClient(), "/Account/Login",
            new() { ["Input.Email"] = "person@example.be", ["Input.Password"] = "Tout-nouveau-2026" })).StatusCode);
    }
}
