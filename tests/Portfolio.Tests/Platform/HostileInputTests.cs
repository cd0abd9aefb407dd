using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Core.Jobs;
using Portfolio.Core.Portfolios;
using Portfolio.Tests.CaseStudies;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Intervision;
using Portfolio.Tests.Juries;
using Portfolio.Tests.Notifications;
using Portfolio.Tests.Portfolios;
using Portfolio.Web.Notifications;
using Xunit.Abstractions;

namespace Portfolio.Tests.Platform;

/// <summary>
/// Hostile and careless input through every POST handler of the application, enumerated from the application itself:
/// whatever is typed or uploaded, the answer is never a 5xx, and a form shown again with its errors stored nothing.
/// </summary>
public class HostileInputTests(PortfolioFactory factory, ITestOutputHelper output) : IntegrationTest(factory)
{
    /// <summary>What careless people paste and attackers type, every entry in every field of every form.</summary>
    public static readonly IReadOnlyList<string> Corpus =
    [
        "avant\0après",
        "\0",
        "\u0001\u0007\u001b[31mrouge\u001b[0m\u007f\u0085\u009b",
        "\u202Efdp.exe\u202C \u200Fשלום\u200F مرحبا \u2066isolé\u2069",
        string.Concat(Enumerable.Repeat("👩‍👩‍👧‍👦", 200)),
        new string('a', 100_000),
        string.Concat(Enumerable.Repeat("é😀", 50_000)),
        "=HYPERLINK(\"http://example.com\",\"clic\")",
        "-1",
        "@SUM(A1:A9)+32 2 123 45 67",
        "\t=1+1",
        "<script>alert(1)</script><img src=x onerror=alert(2)>",
        "[lien](javascript:alert(1)) \"'><svg/onload=alert(3)>",
        "2026-02-31",
        "1e309",
        "99999999999999999999",
        "   \t\r\n  ",
        "",
        "' OR 1=1 --; DROP TABLE \"Evidence\";",
        "../../../../etc/passwd%00%0d%0a",
    ];

    /// <summary>Files for every file field, whatever it expects: each form must refuse the wrong ones with a message.</summary>
    private static readonly IReadOnlyList<(string Name, byte[] Content)> HostileFiles =
    [
        (string.Concat(Enumerable.Repeat("😀", 200)) + ".pdf", "%PDF-1.4\n% hostile\n"u8.ToArray()),
        ("liste.csv", Encoding.UTF8.GetBytes("email;prénom;nom;organisation\nnul@example.be;A\0B;Dupré;=1+1\nlong@example.be;Hélène;" + new string('x', 300) + ";\n")),
        ("liste.xlsx", ZipWithoutWorkbook()),
        ("référentiel.json", Encoding.UTF8.GetBytes("{\"code\":\"hostile\",\"version\":1,\"title\":\"T\\u0000\",\"language\":\"" + new string('f', 500)
            + "\",\"pillarLabel\":\"\\ud800\",\"pillars\":[]}")),
        ("a\0b\u202Etxt.md", "texte"u8.ToArray()),
        ("liste-windows.csv", Encoding.Latin1.GetBytes("email;prénom;nom;organisation\r\nhelene@example.be;Hélène;Dupré;Ville\r\n")),
        ("vide.txt", []),
    ];

    private const string Token = "__RequestVerificationToken";
    private int serial;

    [Fact]
    public async Task Hostile_input_never_answers_500()
    {
        var watch = Stopwatch.StartNew();
        var world = await ArrangeAsync();
        var handlers = await PostHandlersAsync();
        Assert.True(handlers.Count >= 30, $"only {handlers.Count} POST handlers found");
        var missing = handlers.Where(h => !world.Targets.ContainsKey(h.Key)).Select(h => h.Key).ToList();
        Assert.True(missing.Count == 0, "POST handlers without a hostile run (add them to the targets): " + string.Join(", ", missing));

        var log = new CapturedLog();
        Factory.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        var failures = new List<string>();
        var posts = 0;
        foreach (var handler in handlers.OrderBy(h => Array.IndexOf(RunLast, h.Key)).ThenBy(h => h.Key, StringComparer.Ordinal))
        {
            var handlerWatch = Stopwatch.StartNew();
            // A form with no field a person types is sent once; the others once per corpus entry.
            var variants = 1;
            Target? target = null;
            (IHtmlDocument Page, string Url) form0 = default!;
            Dictionary<string, string>? before = null;
            for (var variant = 0; variant < variants; variant++)
            {
                if (target is not { Reusable: true })
                {
                    target = await world.Targets[handler.Key]();
                    form0 = await target.Page();
                    before = null;
                }
                var (page, pageUrl) = (form0.Page!, form0.Url!);
                var form = FindForm(page, pageUrl, handler, target.Hint);
                if (form is null)
                {
                    failures.Add($"{handler.Key}: no form posting to it on {pageUrl}");
                    break;
                }
                var (content, fields, nulUrlEncoded) = HostileContent(form, variant);
                if (variant == 0 && fields > 0)
                {
                    variants = Corpus.Count;
                }
                before ??= await SnapshotAsync();
                var action = form.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl;
                var response = await target.Client.PostAsync(action, content);
                posts++;
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                // 404: an id that names nothing (a hidden field, a route value) is not found, like any unknown id.
                // 400: ASP.NET Core itself refuses a URL-encoded body holding %00 before any page runs (browsers send
                // forms with typed text as multipart or never hold a NUL); the multipart case reaches the pages.
                var heading = status == 200 ? "" : new HtmlParser().ParseDocument(body).QuerySelector("h1")?.TextContent;
                var refusedByFramework = status == 400 && nulUrlEncoded && heading == "Requête invalide";
                if ((status >= 400 && status != 404 && !refusedByFramework) || heading == "Une erreur est survenue")
                {
                    failures.Add($"{handler.Key} (variant {variant}, {content.GetType().Name}) answered {status} «{heading}»: {log.Last()}");
                    continue;
                }
                if (status == 200)
                {
                    var after = await SnapshotAsync();
                    var changed = before.Where(t => after[t.Key] != t.Value).Select(t => t.Key).ToList();
                    if (changed.Count > 0)
                    {
                        failures.Add($"{handler.Key} (variant {variant}) answered its form with errors but changed {string.Join(", ", changed)}");
                    }
                    before = after;
                }
                else
                {
                    // Accepted (a redirect) or not found: what it stored, and what its jobs store, is the next starting point.
                    await JobsDoneAsync();
                    before = null;
                }
            }
            output.WriteLine($"{handler.Key}: {variants} posts, {handlerWatch.ElapsedMilliseconds} ms");
        }
        output.WriteLine($"{handlers.Count} handlers, {posts} hostile posts in {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Distinct().Take(40)));
    }

    /// <summary>What the application logged lately (its own and ASP.NET Core's, not every SQL command), so that a failure says what the server saw.</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        private readonly Queue<string> lines = new();

        public string Last()
        {
            lock (lines)
            {
                var text = string.Join(" | ", lines);
                lines.Clear();
                return text;
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information
                && !category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
                && !category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)
                && !category.StartsWith("Hangfire", StringComparison.Ordinal);

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (!IsEnabled(logLevel))
                {
                    return;
                }
                var text = formatter(state, exception) + (exception is null ? "" : $" {exception.GetType().Name}: {exception.Message}");
                lock (log.lines)
                {
                    log.lines.Enqueue(text.Length > 250 ? text[..250] : text);
                    while (log.lines.Count > 3)
                    {
                        log.lines.Dequeue();
                    }
                }
            }
        }
    }

    private sealed record Handler(string Page, string? Name, IReadOnlyList<TemplateMatcher> Routes)
    {
        public string Key => Name is null ? Page : $"{Page}?handler={Name}";
    }

    /// <summary>Every POST handler of every page, as the application itself knows them.</summary>
    private async Task<List<Handler>> PostHandlersAsync()
    {
        var loader = Factory.Services.GetRequiredService<PageLoader>();
        var found = new List<(string Page, string? Name, TemplateMatcher Route)>();
        foreach (var endpoint in Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not { } descriptor || ReExecutedOnly.Contains(descriptor.ViewEnginePath))
            {
                continue;
            }
            var compiled = await loader.LoadAsync(descriptor, endpoint.Metadata);
            var route = new TemplateMatcher(TemplateParser.Parse(endpoint.RoutePattern.RawText ?? ""), new RouteValueDictionary());
            found.AddRange(compiled.HandlerMethods
                .Where(h => h.HttpMethod.Equals("POST", StringComparison.OrdinalIgnoreCase))
                .Select(h => (descriptor.ViewEnginePath, h.Name, route)));
        }
        // An Index page has two routes ("Admin/Programmes" and "Admin/Programmes/Index"): one handler, either route.
        return found.GroupBy(h => (h.Page, h.Name))
            .Select(g => new Handler(g.Key.Page, g.Key.Name, g.Select(h => h.Route).ToList()))
            .ToList();
    }

    /// <summary>
    /// Switching the participant's cohort would hide the items other targets create in the first one; an export's job
    /// stores its file while later comparisons run.
    /// </summary>
    private static readonly string[] RunLast = ["/Participant/Cohort", "/Participant/Export"];

    /// <summary>The error page answers POSTs only when the status-code pages re-execute a failed POST: no form leads there.</summary>
    private static readonly string[] ReExecutedOnly = ["/Error"];

    private static IHtmlFormElement? FindForm(IHtmlDocument page, string pageUrl, Handler handler, string? hint) =>
        page.QuerySelectorAll("form").OfType<IHtmlFormElement>()
            .Where(f => f.Method.Equals("post", StringComparison.OrdinalIgnoreCase))
            .FirstOrDefault(f =>
            {
                var action = new Uri(new Uri("http://localhost"), f.GetAttribute("action") is { Length: > 0 } a ? a : pageUrl);
                var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(action.Query);
                var name = query.TryGetValue("handler", out var h) ? h.ToString() : null;
                return handler.Routes.Any(r => r.TryMatch(action.AbsolutePath, new RouteValueDictionary()))
                    && string.Equals(name, handler.Name, StringComparison.OrdinalIgnoreCase)
                    && (hint is null || action.ToString().Contains(hint, StringComparison.Ordinal));
            });

    /// <summary>
    /// The form as a browser would send it, every text the person could type or choose (hidden fields and lists included,
    /// the antiforgery token excepted) replaced by entries of the corpus, shifted by one per field so that each field meets each entry.
    /// Sent as multipart like a file form, or as every other variant.
    /// </summary>
    private static (HttpContent Content, int HostileFields, bool NulUrlEncoded) HostileContent(IHtmlFormElement form, int variant)
    {
        var values = new List<KeyValuePair<string, string>>();
        var files = new List<(string Field, string Name, byte[] Content)>();
        var field = 0;
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (name is null)
            {
                continue;
            }
            switch (element)
            {
                case IHtmlInputElement { Type: "file" }:
                    var file = HostileFiles[(variant + field++) % HostileFiles.Count];
                    files.Add((name, file.Name, file.Content));
                    break;
                case IHtmlInputElement input when name == Token:
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlInputElement { Type: "checkbox" or "radio" } input:
                    if (input.IsChecked)
                    {
                        values.Add(new(name, input.Value));
                    }
                    break;
                case IHtmlInputElement { Type: "submit" or "button" or "reset" }:
                    break;
                // A list's choice is a posted text like any other: nothing stops a client from sending another.
                case IHtmlInputElement or IHtmlTextAreaElement or IHtmlSelectElement:
                    values.Add(new(name, Corpus[(variant + field++) % Corpus.Count]));
                    break;
            }
        }
        if (files.Count == 0 && variant % 2 == 0)
        {
            return (new FormUrlEncodedContent(values), field, values.Any(v => v.Value.Contains('\0')));
        }
        var multipart = new MultipartFormDataContent();
        foreach (var (name, value) in values)
        {
            multipart.Add(new StringContent(value), name);
        }
        foreach (var (name, fileName, content) in files)
        {
            multipart.Add(new ByteArrayContent(content), name, fileName);
        }
        return (multipart, field, false);
    }

    /// <summary>A fingerprint of every application table, to tell whether a refused form stored anything.</summary>
    private async Task<Dictionary<string, string>> SnapshotAsync()
    {
        await using var connection = new NpgsqlConnection(Factory.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand("""
            SELECT tablename FROM pg_tables WHERE schemaname = 'public'
            -- Sessions note when they were last seen; the data-protection keys belong to the host.
            AND tablename NOT IN ('__EFMigrationsHistory', 'DataProtectionKeys', 'UserSessions') ORDER BY tablename
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }
        var sql = string.Join(" UNION ALL ", tables.Select(t => CountedOnly.Contains(t)
            ? $"SELECT '{t}', count(*)::text FROM \"{t}\""
            : $"SELECT '{t}', coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') FROM \"{t}\" x"));
        var snapshot = new Dictionary<string, string>();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var rows = await command.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            snapshot[rows.GetString(0)] = rows.GetString(1);
        }
        return snapshot;
    }

    /// <summary>
    /// Counted only: rows the background jobs update while the test runs (a message sent, an export's progress), and file
    /// chunks, whose text form (hex of 512 KiB each) would slow every comparison while the file rows carry their SHA-256.
    /// </summary>
    private static readonly string[] CountedOnly = ["OutgoingMails", "JobRuns", "StoredFileChunks"];

    private async Task JobsDoneAsync()
    {
        await using var db = Factory.NewDb();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await db.JobRuns.AnyAsync(j => j.State == JobState.Queued || j.State == JobState.Running) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
        // The notification-mail job runs every minute: hand it what the accepted post notified now, so that it does not
        // add mails in the middle of the next handler's posts (a row it holds locked is waited for).
        await using var scope = Factory.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NotificationMails>().RunAsync(CancellationToken.None);
        while (await db.Notifications.AnyAsync(n => n.MailHandledAt == null) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }
    }

    private static byte[] ZipWithoutWorkbook()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("notes.txt").Open());
            writer.Write("Pas de classeur ici.");
        }
        return buffer.ToArray();
    }

    /// <summary>Where a handler's form is found: the page (reached as <see cref="Client"/>), and a text its action contains.</summary>
    /// <summary><see cref="Reusable"/>: the same form serves every variant (its page changes nothing when a post is accepted).</summary>
    private sealed record Target(HttpClient Client, Func<Task<(IHtmlDocument Page, string Url)>> Page, string? Hint = null, bool Reusable = false);

    private sealed record World(Dictionary<string, Func<Task<Target>>> Targets);

    private string Unique(string prefix) => $"{prefix}{Interlocked.Increment(ref serial)}";

    /// <summary>
    /// One programme office: a participant in two cohorts, a coordinator, an admin, a visitor. Handlers that consume what
    /// they act on (a deletion, a withdrawal, a sign-out) get a fresh subject each time.
    /// </summary>
    private async Task<World> ArrangeAsync()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var otherCohortId = await Factory.CreateCohortAsync("Promotion 2026-2027");
        // A programme the coordinator does not manage yet, so that the admin page offers to assign them.
        await Factory.CreateProgrammeAsync("autre");
        var participant = await CreateUserAsync("participante@example.be", Roles.Participant);
        await Factory.EnrolAsync(otherCohortId, participant.Id);
        await Factory.EnrolAsync(cohortId, participant.Id);
        var participantClient = await SignInAsync("participante@example.be");
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var admin = await SignedInClientAsync("admin@example.be", Roles.Admin);
        var visitor = NewClient();
        var bystander = await CreateUserAsync("temoin@example.be", Roles.Participant);
        var objectives = await Factory.ObjectivesAsync(cohortId);
        int campaignId;
        await using (var db = Factory.NewDb())
        {
            campaignId = await db.Campaigns.Where(c => c.CohortId == cohortId).OrderBy(c => c.Position).Select(c => c.Id).FirstAsync();
        }

        // Feedback: the participant and the bystander form an intervision group; each asks the other.
        await Factory.EnrolAsync(cohortId, bystander.Id);
        var sharedGroupId = await Factory.CreateGroupAsync(cohortId, "Groupe des retours", [participant.Id, bystander.Id]);
        var bystanderItem = await Factory.AddEvidenceAsync(bystander.Id, cohortId, "Preuve du témoin", [objectives[0].Id]);
        Task<int> AskParticipantAsync() => Factory.AskFeedbackAsync(cohortId, bystander.Id, [bystanderItem], [participant.Id], objectiveIds: [objectives[0].Id]);
        async Task<int> AnsweredRequestAsync()
        {
            var id = await Factory.AskFeedbackAsync(cohortId, participant.Id, [], [bystander.Id], objectiveIds: [objectives[0].Id]);
            await Factory.GiveFeedbackAsync(id, bystander.Id);
            return id;
        }
        // The answer form's buttons post it to the page's handlers (formaction): the form, as the button sends it.
        Func<Task<(IHtmlDocument, string)>> AnswerPage(int requestId, string? handler) => async () =>
        {
            var url = $"/Participant/Feedback/Answer/{requestId}";
            var page = await GetPageAsync(participantClient, url);
            if (handler is not null)
            {
                page.QuerySelector("#feedback-form")!.SetAttribute("action", $"{url}?handler={handler}");
            }
            return (page, url);
        };

        Func<Task<Target>> At(HttpClient client, string url, string? hint = null) =>
            () => Task.FromResult(new Target(client, Get(client, url), hint, Reusable: true));

        async Task<AppUser> FreshUserAsync(string role, bool withPassword = true)
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var email = Unique("personne") + "@example.be";
            var user = AppUser.Create(email, "Prénom", "Nom");
            Assert.True((withPassword ? await users.CreateAsync(user, Password) : await users.CreateAsync(user)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
            return user;
        }

        async Task<string> FreshFrameworkAsync(bool published)
        {
            var code = Unique("hostile-");
            var (document, problems) = FrameworkDocument.Read($$"""
                {"code":"{{code}}","version":1,"title":"Référentiel {{code}}","language":"fr","pillarLabel":"Module",
                 "pillars":[{"code":"M1","title":"Module","objectives":[{"code":"M1.1","title":"Objectif"}]}]}
                """);
            Assert.Empty(problems);
            await using var db = Factory.NewDb();
            await FrameworkImport.ImportAsync(db, document!, DateTimeOffset.UtcNow);
            if (published)
            {
                (await db.Frameworks.SingleAsync(f => f.Code == code)).Publish();
                await db.SaveChangesAsync();
            }
            return code;
        }

        // Intervision groups: one with room and a member to move, another to move them to, someone without a group.
        async Task<string> EnrolledAsync()
        {
            var person = await FreshUserAsync(Roles.Participant);
            await Factory.EnrolAsync(cohortId, person.Id);
            return person.Id;
        }
        var groupMember = await EnrolledAsync();
        var groupId = await Factory.CreateGroupAsync(cohortId, "Groupe hostile", [groupMember, await EnrolledAsync()]);
        await Factory.CreateGroupAsync(cohortId, "Autre groupe", [await EnrolledAsync(), await EnrolledAsync()]);
        await EnrolledAsync();
        // Co-development: the feedback group has no facilitator, so the participant plans and runs its sessions.
        var codevMate = bystander;
        var codevGroupId = sharedGroupId;
        var codevGroup = new CodevGroup(codevGroupId, cohortId, "Groupe des retours", null, [participant.Id, codevMate.Id]);
        async Task<CodevSession> CodevSessionAsync(string owner, int step, DateTimeOffset startsAt)
        {
            await using var db = Factory.NewDb();
            var session = new CodevSession(codevGroup, startsAt, "Salle", null, participant.Id, [owner], participant.Id, DateTimeOffset.UtcNow);
            for (var i = 0; i < step; i++)
            {
                session.Advance(participant.Id, codevGroup, DateTimeOffset.UtcNow);
            }
            if (step >= 5 && owner == participant.Id)
            {
                session.WritePlan(participant.Id, "Synthèse", [new CodevActionItem("Agir", PortfolioBuilder.Today)], DateTimeOffset.UtcNow);
            }
            if (step >= 6)
            {
                session.WriteTakeaway(participant.Id, "Ce que je retiens", codevGroup, DateTimeOffset.UtcNow);
            }
            db.CodevSessions.Add(session);
            await db.SaveChangesAsync();
            return session;
        }
        Func<Task<Target>> AtCodev(string page, int step, string owner) => async () =>
        {
            var session = await CodevSessionAsync(owner, step, DateTimeOffset.UtcNow);
            return new Target(participantClient, Get(participantClient, string.Format(page, session.Id)));
        };

        var targets = new Dictionary<string, Func<Task<Target>>>
        {
            ["/Account/Login"] = At(visitor, "/Account/Login"),
            ["/Account/ForgotPassword"] = At(visitor, "/Account/ForgotPassword"),
            ["/Account/SetPassword"] = async () =>
            {
                var invited = await FreshUserAsync(Roles.Participant, withPassword: false);
                var (link, token) = PasswordLink.Issue(invited.Id, PasswordLinkPurpose.Invitation, DateTimeOffset.UtcNow);
                await using var db = Factory.NewDb();
                db.PasswordLinks.Add(link);
                await db.SaveChangesAsync();
                // A client of its own: a password that happens to be accepted signs it in.
                var client = NewClient();
                return new Target(client, Get(client, "/Account/SetPassword?token=" + Uri.EscapeDataString(token)), Reusable: true);
            },
            ["/Account/ChangePassword"] = At(participantClient, "/Account/ChangePassword"),
            ["/Account/Logout"] = async () =>
            {
                var someone = await FreshUserAsync(Roles.Participant);
                var client = await SignInAsync(someone.Email!);
                return new Target(client, Get(client, "/Account/ChangePassword"));
            },
            ["/Culture"] = At(visitor, "/"),
            ["/Admin/Users/Create"] = At(admin, "/Admin/Users/Create"),
            ["/Admin/Users/Password?handler=SendLink"] = At(admin, $"/Admin/Users/Password/{bystander.Id}"),
            ["/Admin/Users/Password?handler=SetProvisional"] = At(admin, $"/Admin/Users/Password/{bystander.Id}"),
            ["/Admin/Users/Edit?handler=Roles"] = At(admin, $"/Admin/Users/Edit/{bystander.Id}"),
            ["/Admin/Users/Access?handler=Deactivate"] = async () =>
                new Target(admin, Get(admin, $"/Admin/Users/Access/{(await FreshUserAsync(Roles.Participant)).Id}")),
            ["/Admin/Users/Access?handler=Reactivate"] = async () =>
            {
                var user = await FreshUserAsync(Roles.Participant);
                await using var scope = Factory.Services.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                var stored = await users.FindByIdAsync(user.Id);
                stored!.Deactivate(DateTimeOffset.UtcNow);
                await users.UpdateAsync(stored);
                return new Target(admin, Get(admin, $"/Admin/Users/Access/{user.Id}"));
            },
            ["/Admin/Users/Access?handler=Unlock"] = async () =>
            {
                var user = await FreshUserAsync(Roles.Participant);
                await using var scope = Factory.Services.CreateAsyncScope();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
                await users.SetLockoutEndDateAsync((await users.FindByIdAsync(user.Id))!, DateTimeOffset.UtcNow.AddHours(1));
                return new Target(admin, Get(admin, $"/Admin/Users/Access/{user.Id}"));
            },
            ["/Admin/Programmes/Index?handler=Assign"] = At(admin, "/Admin/Programmes"),
            ["/Admin/Programmes/Index?handler=Unassign"] = async () =>
            {
                var other = await FreshUserAsync(Roles.Coordinator);
                await Factory.AssignCoordinatorAsync(other.Id);
                return new Target(admin, Get(admin, "/Admin/Programmes"), Hint: other.Id);
            },
            ["/Coordinator/Cohorts/Details?handler=Enrol"] = At(coordinator, $"/Coordinator/Cohorts/Details/{cohortId}"),
            ["/Coordinator/Cohorts/Details?handler=Upload"] = At(coordinator, $"/Coordinator/Cohorts/Details/{cohortId}"),
            ["/Coordinator/Cohorts/Details?handler=Confirm"] = () => Task.FromResult(new Target(coordinator, async () =>
            {
                // The confirmation form only exists on the review a staff account's enrolment brings.
                var url = $"/Coordinator/Cohorts/Details/{cohortId}";
                var review = await PostFormAsync(coordinator, url, new()
                {
                    ["Person.Email"] = "admin@example.be", ["Person.FirstName"] = "Ad", ["Person.LastName"] = "Min",
                }, handler: "Enrol");
                Assert.Equal(HttpStatusCode.OK, review.StatusCode);
                return (await ParseAsync(review), url);
            }, Reusable: true)),
            ["/Coordinator/Cohorts/Invite"] = async () =>
            {
                var invited = await FreshUserAsync(Roles.Participant, withPassword: false);
                await Factory.EnrolAsync(cohortId, invited.Id);
                return new Target(coordinator, Get(coordinator, $"/Coordinator/Cohorts/Details/{cohortId}"), Reusable: true);
            },
            ["/Coordinator/Cohorts/Create"] = At(coordinator, "/Coordinator/Cohorts/Create"),
            ["/Coordinator/Cohorts/Edit"] = At(coordinator, $"/Coordinator/Cohorts/Edit/{cohortId}"),
            ["/Coordinator/Cohorts/Withdraw"] = async () =>
            {
                var enrolled = await FreshUserAsync(Roles.Participant);
                await Factory.EnrolAsync(cohortId, enrolled.Id);
                return new Target(coordinator, Get(coordinator, $"/Coordinator/Cohorts/Withdraw/{cohortId}/{enrolled.Id}"));
            },
            ["/Coordinator/Campaigns/Index?handler=Defaults"] = async () =>
                new Target(coordinator, Get(coordinator, $"/Coordinator/Campaigns/{await Factory.CreateCohortAsync(Unique("Promotion "))}")),
            ["/Coordinator/Campaigns/Index?handler=Add"] = At(coordinator, $"/Coordinator/Campaigns/{cohortId}"),
            ["/Coordinator/Campaigns/Index?handler=Edit"] = At(coordinator, $"/Coordinator/Campaigns/{cohortId}"),
            ["/Coordinator/Sessions/Add"] = At(coordinator, $"/Coordinator/Sessions/Add/{cohortId}"),
            ["/Coordinator/Sessions/Edit"] = async () =>
                new Target(coordinator, Get(coordinator, $"/Coordinator/Sessions/Edit/{await Factory.AddSessionAsync(cohortId, SessionKind.Module, Unique("Module "), PortfolioBuilder.Today)}")),
            ["/Coordinator/Sessions/Delete"] = async () =>
                new Target(coordinator, Get(coordinator, $"/Coordinator/Sessions/Delete/{await Factory.AddSessionAsync(cohortId, SessionKind.Module, Unique("Module "), PortfolioBuilder.Today)}")),
            ["/Coordinator/Programmes/Create"] = At(coordinator, "/Coordinator/Programmes/Create"),
            ["/Coordinator/Frameworks/Import"] = At(coordinator, "/Coordinator/Frameworks/Import"),
            ["/Coordinator/Frameworks/Publish"] = async () =>
                new Target(coordinator, Get(coordinator, $"/Coordinator/Frameworks/Publish/{await FreshFrameworkAsync(published: false)}/1")),
            ["/Coordinator/Frameworks/Delete"] = async () =>
                new Target(coordinator, Get(coordinator, $"/Coordinator/Frameworks/Delete/{await FreshFrameworkAsync(published: false)}/1")),
            ["/Coordinator/Frameworks/Withdraw"] = async () =>
                new Target(coordinator, Get(coordinator, $"/Coordinator/Frameworks/Withdraw/{await FreshFrameworkAsync(published: true)}/1")),
            ["/Coordinator/Groups/Create"] = At(coordinator, $"/Coordinator/Groups/Create/{cohortId}"),
            ["/Coordinator/Groups/Edit"] = At(coordinator, $"/Coordinator/Groups/Edit/{groupId}"),
            ["/Coordinator/Groups/Add"] = At(coordinator, $"/Coordinator/Groups/Add/{groupId}"),
            ["/Coordinator/Groups/Move"] = At(coordinator, $"/Coordinator/Groups/Move/{groupId}/{groupMember}"),
            ["/Coordinator/Groups/Remove"] = async () =>
            {
                var member = await EnrolledAsync();
                var id = await Factory.CreateGroupAsync(cohortId, Unique("Groupe "), [member, await EnrolledAsync()]);
                return new Target(coordinator, Get(coordinator, $"/Coordinator/Groups/Remove/{id}/{member}"));
            },
            ["/Coordinator/Groups/Delete"] = async () =>
            {
                var id = await Factory.CreateGroupAsync(cohortId, Unique("Groupe "), [await EnrolledAsync(), await EnrolledAsync()]);
                return new Target(coordinator, Get(coordinator, $"/Coordinator/Groups/Delete/{id}"));
            },
            ["/Participant/Evidence/Edit"] = At(participantClient, "/Participant/Evidence/Edit"),
            ["/Participant/Evidence/Edit?handler=DeleteAttachment"] = async () =>
            {
                var id = await Factory.AddEvidenceAsync(participant.Id, cohortId, Unique("Preuve "), [objectives[0].Id]);
                var attached = await PostFormAsync(participantClient, $"/Participant/Evidence/Edit/{id}", [],
                    file: ("Files", "note.txt", "Une note."u8.ToArray()));
                Assert.Equal(HttpStatusCode.Redirect, attached.StatusCode);
                return new Target(participantClient, Get(participantClient, $"/Participant/Evidence/Edit/{id}"));
            },
            ["/Participant/Evidence/Delete"] = async () =>
            {
                var id = await Factory.AddEvidenceAsync(participant.Id, cohortId, Unique("Preuve "), [objectives[0].Id]);
                return new Target(participantClient, Get(participantClient, $"/Participant/Evidence/Delete/{id}"));
            },
            ["/Participant/Journal/Edit"] = At(participantClient, "/Participant/Journal/Edit"),
            ["/Participant/Journal/Delete"] = async () =>
            {
                await using var db = Factory.NewDb();
                var entry = new JournalEntry(participant.Id, cohortId, DateTimeOffset.UtcNow);
                entry.Write(PortfolioBuilder.Today, Unique("Réflexion "), "Corps", null, null, null, Visibility.Private, DateTimeOffset.UtcNow);
                db.JournalEntries.Add(entry);
                await db.SaveChangesAsync();
                return new Target(participantClient, Get(participantClient, $"/Participant/Journal/Delete/{entry.Id}"));
            },
            ["/Participant/Assessments/Edit"] = At(participantClient, $"/Participant/Assessments/Edit?campaignId={campaignId}&objectiveId={objectives[0].Id}"),
            ["/Codev/Plan"] = At(participantClient, $"/Codev/Plan/{codevGroupId}"),
            ["/Codev/Advance"] = AtCodev("/Codev/Session/{0}", 2, participant.Id),
            ["/Codev/Reschedule"] = AtCodev("/Codev/Reschedule/{0}", 0, participant.Id),
            ["/Codev/Step"] = AtCodev("/Codev/Step/{0}/1", 3, participant.Id),
            ["/Codev/Attendance"] = AtCodev("/Codev/Attendance/{0}", 1, participant.Id),
            ["/Codev/Contribute"] = AtCodev("/Codev/Contribute/{0}", 4, codevMate.Id),
            ["/Codev/ActionPlan"] = AtCodev("/Codev/ActionPlan/{0}", 5, participant.Id),
            ["/Codev/Takeaway"] = AtCodev("/Codev/Takeaway/{0}", 6, participant.Id),
            ["/Codev/FollowUp"] = async () =>
            {
                var earlier = await CodevSessionAsync(participant.Id, 6, DateTimeOffset.UtcNow.AddDays(-30));
                var next = await CodevSessionAsync(codevMate.Id, 0, DateTimeOffset.UtcNow);
                return new Target(participantClient, Get(participantClient, $"/Codev/FollowUp/{next.Id}/{earlier.Plans[0].Id}"));
            },
            ["/Codev/ToEvidence"] = async () =>
            {
                var session = await CodevSessionAsync(participant.Id, 6, DateTimeOffset.UtcNow);
                return new Target(participantClient, Get(participantClient, $"/Codev/ToEvidence/takeaway/{session.Takeaways[0].Id}"));
            },
            // Submissions: each run starts from a report and a submission in the state its form needs.
            ["/Participant/Evidence/Mark"] = async () =>
                new Target(participantClient, Get(participantClient, $"/Participant/Evidence/Details/{await Factory.AddEvidenceAsync(participant.Id, cohortId, Unique("Preuve "), [objectives[0].Id])}")),
            ["/Participant/Report/Edit"] = () => Task.FromResult(new Target(participantClient, Get(participantClient, "/Participant/Report/Edit/synthesis"))),
            ["/Participant/Report/Upload"] = At(participantClient, "/Participant/Report/Upload"),
            ["/Participant/Report/Upload?handler=Remove"] = async () =>
            {
                var uploaded = await PostFormAsync(participantClient, "/Participant/Report/Upload", [], file: ("Upload", "rapport.pdf", "%PDF-1.4\n%%EOF\n"u8.ToArray()), formSelector: "#upload-form");
                Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
                return new Target(participantClient, Get(participantClient, "/Participant/Report/Upload"));
            },
            ["/Participant/Submission/Index"] = async () =>
            {
                await using (var db = Factory.NewDb())
                {
                    db.SubmissionRecords.RemoveRange(db.SubmissionRecords.Where(r => r.ParticipantId == participant.Id));
                    await db.SaveChangesAsync();
                }
                return new Target(participantClient, Get(participantClient, "/Participant/Submission"));
            },
            ["/Coordinator/Submissions/Reopen"] = async () =>
            {
                var submitter = await EnrolledAsync();
                await using var db = Factory.NewDb();
                var record = new Portfolio.Core.Submissions.SubmissionRecord(submitter, cohortId);
                record.Submit(new Portfolio.Core.Submissions.SnapshotDocument(1, "Candidate", "Promotion", "Programme", [], [], [], [],
                    new Portfolio.Core.Submissions.SnapshotReport(null, [])), [], DateTimeOffset.UtcNow);
                db.SubmissionRecords.Add(record);
                await db.SaveChangesAsync();
                return new Target(coordinator, Get(coordinator, $"/Coordinator/Submissions/Reopen/{record.Id}"));
            },
            ["/Participant/Export"] = At(participantClient, "/Participant/Export"),
            ["/Participant/Cohort"] = At(participantClient, "/Participant/Cohort"),
            ["/Notifications/Preferences"] = At(participantClient, "/Notifications/Preferences"),
            ["/Notifications/ReadAll"] = async () =>
            {
                // The button is offered while something is unread.
                await Factory.NotifyAsync(participant.Id, Portfolio.Core.Notifications.NotificationKind.CampaignClosing, Unique("Campagne "));
                return new Target(participantClient, Get(participantClient, "/Notifications"));
            },
            ["/Participant/Feedback/Ask"] = At(participantClient, $"/Participant/Feedback/Ask?evidence={await Factory.AddEvidenceAsync(participant.Id, cohortId, "Preuve à relire", [objectives[0].Id])}"),
            ["/Participant/Feedback/Answer"] = async () => new Target(participantClient, AnswerPage(await AskParticipantAsync(), null)),
            ["/Participant/Feedback/Answer?handler=Submit"] = async () => new Target(participantClient, AnswerPage(await AskParticipantAsync(), "Submit")),
            ["/Participant/Feedback/Answer?handler=Autosave"] = async () => new Target(participantClient, AnswerPage(await AskParticipantAsync(), "Autosave")),
            ["/Participant/Feedback/Received?handler=Reply"] = async () =>
                new Target(participantClient, Get(participantClient, $"/Participant/Feedback/Received/{await AnsweredRequestAsync()}"), "handler=Reply"),
            ["/Participant/Feedback/Received?handler=Rate"] = async () =>
                new Target(participantClient, Get(participantClient, $"/Participant/Feedback/Received/{await AnsweredRequestAsync()}"), "handler=Rate"),
            ["/Participant/Feedback/Received?handler=Keep"] = async () =>
                new Target(participantClient, Get(participantClient, $"/Participant/Feedback/Received/{await AnsweredRequestAsync()}"), "handler=Keep"),
            ["/Participant/Feedback/Withdraw"] = async () =>
                new Target(participantClient, Get(participantClient, $"/Participant/Feedback/Withdraw/{await Factory.AskFeedbackAsync(cohortId, participant.Id, [], [bystander.Id], objectiveIds: [objectives[0].Id])}")),
        };

        // Case-study groups: the participant and the bystander write a collective report; coordinators reopen and delete fresh groups.
        var caseStudyId = await Factory.CreateCaseStudyAsync(cohortId, "Étude hostile", [participant.Id, bystander.Id]);
        async Task<int> SubmittedCaseStudyAsync()
        {
            var member = await EnrolledAsync();
            var id = await Factory.CreateCaseStudyAsync(cohortId, Unique("Étude "), [member]);
            await Factory.SubmitFinalAsync(id, await Factory.UploadVersionAsync(id, member, "rapport.pdf", CaseStudyBuilder.Pdf), member);
            return id;
        }
        // The participant's report, open again if a previous target submitted it.
        async Task OpenCaseStudyAsync()
        {
            await using var db = Factory.NewDb();
            var group = await db.CaseStudyGroups.SingleAsync(g => g.Id == caseStudyId);
            if (group.IsSubmitted)
            {
                group.Reopen(participant.Id, "Pour la suite", DateTimeOffset.UtcNow);
                await db.SaveChangesAsync();
            }
        }
        // Transformation project: the participant's project exists (its statement written through the page), with a fresh milestone
        // for each completion; the submission runs after the presentation's form (alphabetical order), which it freezes.
        async Task<int> ProjectMilestoneAsync()
        {
            await using (var db = Factory.NewDb())
            {
                if (!await db.TransformationProjects.AnyAsync(p => p.OwnerId == participant.Id))
                {
                    Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(participantClient, "/Participant/Project/Statement",
                        new() { ["Input.Title"] = "Projet hostile", ["Input.Context"] = "Contexte", ["Input.Ambition"] = "Ambition" })).StatusCode);
                }
            }
            Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(participantClient, "/Participant/Project/Milestone",
                new() { ["Input.Title"] = Unique("Jalon "), ["Input.DueOn"] = "2026-06-30" })).StatusCode);
            await using var read = Factory.NewDb();
            return await read.ProjectMilestones.Where(m => read.TransformationProjects.Any(p => p.Id == m.ProjectId && p.OwnerId == participant.Id))
                .OrderByDescending(m => m.Id).Select(m => m.Id).FirstAsync();
        }
        targets["/Participant/Project/Statement"] = At(participantClient, "/Participant/Project/Statement");
        targets["/Participant/Project/Milestone"] = async () =>
            new Target(participantClient, Get(participantClient, $"/Participant/Project/Milestone/{await ProjectMilestoneAsync()}"));
        targets["/Participant/Project/Complete"] = async () =>
            new Target(participantClient, Get(participantClient, $"/Participant/Project/Complete/{await ProjectMilestoneAsync()}"));
        targets["/Participant/Project/Presentation"] = async () =>
        {
            await ProjectMilestoneAsync();
            return new Target(participantClient, Get(participantClient, "/Participant/Project/Presentation"));
        };
        targets["/Participant/Project/Submit"] = async () =>
        {
            await ProjectMilestoneAsync();
            var prepared = await PostFormAsync(participantClient, "/Participant/Project/Presentation",
                new() { ["Input.PresentationOn"] = "2026-06-30", ["Input.Summary"] = "Résumé" });
            Assert.True(prepared.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK);
            return new Target(participantClient, Get(participantClient, "/Participant/Project/Submit"));
        };
        targets["/Coordinator/CaseStudies/Create"] = At(coordinator, $"/Coordinator/CaseStudies/Create/{cohortId}");
        targets["/Coordinator/CaseStudies/Edit"] = At(coordinator, $"/Coordinator/CaseStudies/Edit/{caseStudyId}");
        targets["/Coordinator/CaseStudies/Members"] = At(coordinator, $"/Coordinator/CaseStudies/Members/{caseStudyId}");
        targets["/Coordinator/CaseStudies/Reopen"] = async () => new Target(coordinator, Get(coordinator, $"/Coordinator/CaseStudies/Reopen/{await SubmittedCaseStudyAsync()}"));
        targets["/Coordinator/CaseStudies/Delete"] = async () => new Target(coordinator, Get(coordinator, $"/Coordinator/CaseStudies/Delete/{await SubmittedCaseStudyAsync()}"));
        targets["/Participant/CaseStudy/Upload"] = async () =>
        {
            await OpenCaseStudyAsync();
            return new Target(participantClient, Get(participantClient, "/Participant/CaseStudy/Upload"));
        };
        targets["/Participant/CaseStudy/Submit"] = async () =>
        {
            await OpenCaseStudyAsync();
            var version = await Factory.UploadVersionAsync(caseStudyId, participant.Id, "rapport.pdf", CaseStudyBuilder.Pdf);
            return new Target(participantClient, Get(participantClient, $"/Participant/CaseStudy/Submit/{version}"));
        };
        // Juries: four jurors (the first chairs) of a jury the participant is a candidate of; fresh candidacies, juries
        // and exams for the forms whose accepted post uses them up. Exams take successive hours: jurors sit on every jury.
        var jurors = new List<AppUser>();
        for (var i = 0; i < 4; i++)
        {
            jurors.Add(await FreshUserAsync(Roles.JuryMember));
        }
        string[] jurorIds = [.. jurors.Select(j => j.Id)];
        var chairClient = await SignInAsync(jurors[0].Email!);
        await FreshUserAsync(Roles.JuryMember); // someone to add to a jury
        var juryId = await Factory.CreateJuryAsync(cohortId, "Jury hostile", jurorIds, participant.Id);
        var examHour = 0;
        async Task<int> FreshCandidacyAsync()
        {
            var person = await EnrolledAsync();
            return await Factory.CandidacyAsync(await Factory.CreateJuryAsync(cohortId, Unique("Jury "), jurorIds, person), person);
        }
        async Task<int> FreshExamAsync() =>
            await Factory.ScheduleAsync(await FreshCandidacyAsync(), new DateTime(2027, 3, 1, 8, 0, 0).AddHours(examHour++), room: Unique("Salle "));
        async Task<int> OpenCandidacyAsync(bool scored)
        {
            var candidacy = await FreshCandidacyAsync();
            foreach (var juror in jurorIds)
            {
                await Factory.DeclareAsync(candidacy, juror, Portfolio.Core.Juries.ConflictLevel.None);
            }
            if (scored)
            {
                var levels = (await Factory.CriteriaAsync(cohortId)).Select(_ => 2).ToArray();
                foreach (var juror in jurorIds)
                {
                    await Factory.ScoreAsync(cohortId, candidacy, juror, levels);
                }
            }
            return candidacy;
        }
        int programmeId;
        await using (var db = Factory.NewDb())
        {
            programmeId = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => c.ProgrammeId).SingleAsync();
        }
        var declarable = await FreshCandidacyAsync();
        var scorable = await OpenCandidacyAsync(scored: false);
        var deliberable = await OpenCandidacyAsync(scored: true);
        var schedulable = await FreshCandidacyAsync();
        var movable = await FreshExamAsync();
        targets["/Calendar/Regenerate"] = At(participantClient, "/Calendar");
        targets["/Coordinator/Juries/Create"] = At(coordinator, $"/Coordinator/Juries/Create/{cohortId}");
        targets["/Coordinator/Packs/Index"] = At(coordinator, $"/Coordinator/Packs/{cohortId}");
        targets["/Coordinator/Juries/Edit"] = At(coordinator, $"/Coordinator/Juries/Edit/{juryId}");
        targets["/Coordinator/Juries/AddMember"] = At(coordinator, $"/Coordinator/Juries/AddMember/{juryId}");
        targets["/Coordinator/Juries/Assign"] = At(coordinator, $"/Coordinator/Juries/Assign/{juryId}");
        targets["/Coordinator/Juries/RemoveMember"] = async () =>
            new Target(coordinator, Get(coordinator, $"/Coordinator/Juries/RemoveMember/{await Factory.CreateJuryAsync(cohortId, Unique("Jury "), jurorIds)}/{jurorIds[1]}"));
        targets["/Coordinator/Juries/Unassign"] = async () => new Target(coordinator, Get(coordinator, $"/Coordinator/Juries/Unassign/{await FreshCandidacyAsync()}"));
        targets["/Coordinator/Juries/Delete"] = async () =>
            new Target(coordinator, Get(coordinator, $"/Coordinator/Juries/Delete/{await Factory.CreateJuryAsync(cohortId, Unique("Jury "), jurorIds)}"));
        targets["/Coordinator/Juries/Waive"] = async () =>
        {
            var candidacy = await FreshCandidacyAsync();
            await Factory.DeclareAsync(candidacy, jurorIds[2], Portfolio.Core.Juries.ConflictLevel.Minor, "Ancienne collègue");
            await using var db = Factory.NewDb();
            var declaration = await db.ConflictDeclarations.Where(d => d.JuryCandidateId == candidacy).Select(d => d.Id).SingleAsync();
            return new Target(coordinator, Get(coordinator, $"/Coordinator/Juries/Waive/{declaration}"));
        };
        targets["/Coordinator/Exams/Schedule"] = At(coordinator, $"/Coordinator/Exams/Schedule/{schedulable}");
        targets["/Coordinator/Exams/Move"] = At(coordinator, $"/Coordinator/Exams/Move/{movable}");
        targets["/Coordinator/Exams/Cancel"] = async () => new Target(coordinator, Get(coordinator, $"/Coordinator/Exams/Cancel/{await FreshExamAsync()}"));
        targets["/Jury/Declare"] = At(chairClient, $"/Jury/Declare/{declarable}");
        // Scoring: a candidacy open to the jurors, another all four scored (the chair deliberates), a fresh cohort to release.
        targets["/Jury/Score"] = At(chairClient, $"/Jury/Score/{scorable}");
        targets["/Jury/Score?handler=Submit"] = () => Task.FromResult(new Target(chairClient, async () =>
        {
            // The submit button posts the score form to its own handler (formaction), as a browser would send it.
            var url = $"/Jury/Score/{scorable}";
            var page = await GetPageAsync(chairClient, url);
            page.QuerySelector("#score-form")!.SetAttribute("action", $"{url}?handler=Submit");
            return (page, url);
        }, Reusable: true));
        targets["/Jury/Deliberation"] = At(chairClient, $"/Jury/Deliberation/{deliberable}");
        // The cohort's fresh candidacies have no decision: every release is refused, so the other handlers keep their data.
        targets["/Coordinator/Results/Release"] = At(coordinator, $"/Coordinator/Results/Release/{cohortId}");
        // The cohorts' programme has scores (its grid is frozen): the editable grid is that of a programme without any.
        var gridProgrammeId = await Factory.CreateProgrammeAsync("grille");
        await Factory.AssignCoordinatorAsync(await Factory.UserIdAsync("coordination@example.be"), "grille");
        targets["/Coordinator/Programmes/Grid"] = At(coordinator, $"/Coordinator/Programmes/Grid/{gridProgrammeId}");
        // The parts of a programme of its own: switching them off must not close the pages the other targets post to.
        var partsProgrammeId = await Factory.CreateProgrammeAsync("parties");
        await Factory.AssignCoordinatorAsync(await Factory.UserIdAsync("coordination@example.be"), "parties");
        targets["/Coordinator/Programmes/Components"] = At(coordinator, $"/Coordinator/Programmes/Components/{partsProgrammeId}");
        // Report templates: hostile text is checked and refused with its problems, never stored half-way nor answered with a 500.
        targets["/Coordinator/Programmes/ReportTemplate"] = At(coordinator, $"/Coordinator/Programmes/ReportTemplate/{gridProgrammeId}");
        // The preview button posts the editor's form to the preview page (formaction): the form, as the button sends it.
        targets["/Coordinator/Programmes/ReportPreview"] = () => Task.FromResult(new Target(coordinator, async () =>
        {
            var url = $"/Coordinator/Programmes/ReportTemplate/{gridProgrammeId}";
            var page = await GetPageAsync(coordinator, url);
            page.QuerySelector("#template-form")!.SetAttribute("action", $"/Coordinator/Programmes/ReportPreview/{gridProgrammeId}");
            return (page, url);
        }, Reusable: true));
        return new World(targets);
    }

    private static Func<Task<(IHtmlDocument, string)>> Get(HttpClient client, string url) => async () => (await GetPageAsync(client, url), url);

    private async Task<HttpClient> SignInAsync(string email)
    {
        var client = NewClient();
        var response = await PostFormAsync(client, "/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }
}
