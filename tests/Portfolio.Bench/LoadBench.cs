using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portfolio.Core.Accounts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Storage;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Portfolios;

/// <summary>
/// `./portfolio bench load [--clients N] [--seconds S]`: the app as it is deployed (the Release build as a process of its
/// own, Production environment, Kestrel on loopback) under N signed-in clients, each with its own cookie and connection,
/// asking for one page as fast as the answers come. One line per page, with the rate of a static file of similar size
/// measured in the same run, so that a figure can be read against what the machine could do at that moment.
/// </summary>
internal static partial class LoadBench
{
    private const int Participants = 30;
    private const int EvidencePerParticipant = 60;
    private const string Password = "Bench-password-2026";
    private const string CoordinatorEmail = "coordination@bench.test";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StaticDuration = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(string repository, string[] args)
    {
        var clients = Option(args, "--clients", 50);
        var duration = TimeSpan.FromSeconds(Option(args, "--seconds", 15));

        var (connectionString, cohortId) = await SeedAsync();
        var web = Path.Combine(repository, "src", "Portfolio.Web");
        var database = Path.Combine(repository, ".data", "pg");
        await using var app = await AppProcess.StartAsync(web, connectionString);
        Console.WriteLine($"Pages under load — Release build, Production settings, Kestrel on {app.Address}, {Environment.ProcessorCount} cores shared by the app, PostgreSQL and the clients");
        Console.WriteLine($"data: {Participants} participants with {EvidencePerParticipant} evidence items each; {clients} clients, {WarmUp.TotalSeconds:0} s warm-up a page then {duration.TotalSeconds:0} s a page (static file: {StaticDuration.TotalSeconds:0} s)");

        var participants = await SignInAllAsync(app.Address, clients, i => ParticipantEmail(i % Participants));
        var coordinators = await SignInAllAsync(app.Address, clients, _ => CoordinatorEmail);
        var statics = StaticFiles(web);
        var pages = new (string Path, List<HttpClient> Clients)[]
        {
            ("/Participant", participants),
            ("/Participant/Matrix", participants),
            ("/Participant/Evidence", participants),
            ($"/Coordinator/Cohorts/Details/{cohortId}", coordinators),
        };
        var measured = new List<(string Path, List<HttpClient> Clients, long Size, string StaticPath, long StaticSize)>();
        foreach (var (path, signedIn) in pages)
        {
            var size = await PageSizeAsync(signedIn[0], path);
            var (staticPath, staticSize) = statics.MinBy(f => Math.Abs(Math.Log((double)f.Size / size)));
            measured.Add((path, signedIn, size, staticPath, staticSize));
        }
        // Every page and file once under load before any is measured: the first page measured does not pay for the
        // just-in-time compilation of the code all pages share.
        foreach (var (path, signedIn, _, staticPath, _) in measured)
        {
            await HammerAsync(signedIn, path, WarmUp);
            await HammerAsync(signedIn, staticPath, WarmUp / 5);
        }
        foreach (var (path, signedIn, size, staticPath, staticSize) in measured)
        {
            var cpu = CpuTimes.Read(app.ProcessId, database);
            var page = await HammerAsync(signedIn, path, duration);
            var spent = CpuTimes.Read(app.ProcessId, database) - cpu;
            var file = await HammerAsync(signedIn, staticPath, StaticDuration);
            Console.WriteLine($"load page={path} clients={clients} rps={page.Rate:0} p50_ms={page.Percentile(50):0} p95_ms={page.Percentile(95):0} "
                + $"p99_ms={page.Percentile(99):0} errors={page.Errors} static_rps={file.Rate:0}");
            var requests = page.SortedTimes.Length;
            Console.WriteLine($"     ({size / 1024.0:0.0} KiB a page; CPU a request: app {spent.App / requests:0.00} ms, PostgreSQL {spent.Database / requests:0.00} ms, "
                + $"clients {spent.Clients / requests:0.00} ms; static file {staticPath}, {staticSize / 1024.0:0.0} KiB, p95 {file.Percentile(95):0} ms, {file.Errors} errors)");
        }
        Console.WriteLine($"The app wrote {app.LinesWritten} log lines during the run.");
        foreach (var client in participants.Concat(coordinators))
        {
            client.Dispose();
        }
    }

    private static string ParticipantEmail(int i) => $"participant{i + 1:00}@bench.test";

    /// <summary>
    /// A cohort of the shipped framework as a programme office has it mid-year: every participant with evidence tagged to
    /// objectives, outcomes and axes, a few attachments, the open campaign's self-assessments; one coordinator.
    /// </summary>
    private static async Task<(string ConnectionString, int CohortId)> SeedAsync()
    {
        await using var factory = new BenchFactory("portfolio_load");
        await factory.InitializeAsync();
        var cohortId = await factory.CreateCohortWithCampaignsAsync();
        var userIds = new List<string>();
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            for (var i = 0; i < Participants; i++)
            {
                var user = AppUser.Create(ParticipantEmail(i), $"Prénom{i + 1}", $"Nom{i + 1}", "Service public fédéral");
                Check(await users.CreateAsync(user, Password));
                Check(await users.AddToRoleAsync(user, Roles.Participant));
                userIds.Add(user.Id);
            }
            var coordinator = AppUser.Create(CoordinatorEmail, "Claire", "Coordination", "Université");
            Check(await users.CreateAsync(coordinator, Password));
            Check(await users.AddToRoleAsync(coordinator, Roles.Coordinator));
            await factory.AssignCoordinatorAsync(coordinator.Id);
        }
        foreach (var id in userIds)
        {
            await factory.EnrolAsync(cohortId, id);
        }

        await using var db = factory.NewDb();
        var cohort = await db.Cohorts.Where(c => c.Id == cohortId).Select(c => new { c.FrameworkId }).SingleAsync();
        var framework = await factory.Services.GetRequiredService<FrameworkModels>().GetAsync(db, cohort.FrameworkId);
        var campaign = await db.Campaigns.Where(c => c.CohortId == cohortId).OrderBy(c => c.Position).FirstAsync();
        var files = new FileStore(db, TimeProvider.System);
        var random = new Random(42);
        var now = DateTimeOffset.UtcNow;
        var scale = framework.Scale.Select(l => l.Value).ToList();
        var kinds = Enum.GetValues<EvidenceKind>();
        foreach (var userId in userIds)
        {
            foreach (var objective in framework.Objectives.Where(_ => random.Next(4) > 0))
            {
                var assessment = SelfAssessment.ForObjective(campaign.Id, userId, objective.Id);
                assessment.Record(campaign, campaign.OpensOn, scale, scale[random.Next(scale.Count)], "Justification **argumentée** du niveau.",
                    objective.Outcomes.Where(_ => random.Next(2) == 0).ToDictionary(o => o.Id, _ => OutcomeState.Acquired), [], now);
                db.SelfAssessments.Add(assessment);
            }
            for (var i = 0; i < EvidencePerParticipant; i++)
            {
                var objectives = framework.Objectives.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
                var evidence = new Evidence(userId, cohortId, framework, new EvidenceContent($"Preuve {i + 1} : une situation de travail", PortfolioBuilder.Today.AddDays(-3 * i),
                    kinds[random.Next(kinds.Length)], "Une description de la situation, avec des **mots importants**, sur quelques lignes.",
                    "Ce que j'ai appris et ce que je ferai autrement.", Visibility.Private,
                    [.. objectives.Select(o => o.Id)], [.. objectives.SelectMany(o => o.Outcomes.Take(2)).Select(o => o.Id)],
                    [.. framework.Axes.Where(_ => random.Next(3) == 0).Select(a => a.Id)], [], [], []), now.AddMinutes(-i));
                if (i % 10 == 0)
                {
                    var bytes = new byte[20 * 1024];
                    random.NextBytes(bytes);
                    "%PDF-1.4\n"u8.CopyTo(bytes);
                    var stored = await files.SaveAsync(new MemoryStream(bytes));
                    evidence.Attach($"annexe-{i}.pdf", "application/pdf", bytes.Length, stored.Id, now);
                }
                db.Evidence.Add(evidence);
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
        return (factory.ConnectionString, cohortId);
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }

    /// <summary>One client a person's browser: its own cookies and its own kept-alive connection.</summary>
    private static async Task<List<HttpClient>> SignInAllAsync(Uri address, int count, Func<int, string> emailOf)
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < count; i++)
        {
            var client = new HttpClient(new BehindTheProxy(address)) { BaseAddress = address };
            var login = await client.GetStringAsync("/Account/Login");
            var token = AntiforgeryToken().Match(login).Groups[1].Value;
            var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = emailOf(i), ["Input.Password"] = Password, ["__RequestVerificationToken"] = token,
            }));
            if (response.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Sign-in failed for {emailOf(i)}: HTTP {(int)response.StatusCode}.");
            }
            clients.Add(client);
        }
        return clients;
    }

    /// <summary>
    /// A browser as the app sees it in production, through the TLS-terminating proxy (README, "Headers and HTTPS"): each
    /// request comes from the trusted proxy with X-Forwarded-Proto https, and carries back the cookies, Secure in
    /// Production, that the app set for the HTTPS address.
    /// </summary>
    private sealed class BehindTheProxy(Uri address) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false, MaxConnectionsPerServer = 1 })
    {
        private readonly CookieContainer cookies = new();
        private readonly Uri seenByBrowser = new UriBuilder(address) { Scheme = Uri.UriSchemeHttps }.Uri;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            if (cookies.GetCookieHeader(seenByBrowser) is { Length: > 0 } header)
            {
                request.Headers.Add("Cookie", header);
            }
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var set))
            {
                foreach (var cookie in set)
                {
                    cookies.SetCookies(seenByBrowser, cookie);
                }
            }
            return response;
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>The page as the first client sees it; anything but the page itself (a redirect to sign in) stops the bench.</summary>
    private static async Task<long> PageSizeAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered HTTP {(int)response.StatusCode} instead of the page.");
        }
        return body.Length;
    }

    private static List<(string Path, long Size)> StaticFiles(string web)
    {
        var root = Path.Combine(web, "wwwroot");
        return [.. Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetExtension(f) is ".css" or ".js" or ".svg")
            .Select(f => ("/" + Path.GetRelativePath(root, f).Replace('\\', '/'), new FileInfo(f).Length))];
    }

    /// <summary>Every client asks for <paramref name="path"/> again as soon as its previous answer has been read in full.</summary>
    private static async Task<Measure> HammerAsync(IReadOnlyList<HttpClient> clients, string path, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(clients.Select(client => Task.Run(async () =>
        {
            var times = new List<double>();
            var errors = 0;
            while (clock.Elapsed < duration)
            {
                var started = clock.Elapsed;
                try
                {
                    using var response = await client.GetAsync(path);
                    await response.Content.ReadAsByteArrayAsync();
                    if (response.StatusCode != HttpStatusCode.OK)
                    {
                        errors++;
                    }
                }
                catch (HttpRequestException)
                {
                    errors++;
                }
                times.Add((clock.Elapsed - started).TotalMilliseconds);
            }
            return (Times: times, Errors: errors);
        })));
        var elapsed = clock.Elapsed;
        var all = results.SelectMany(r => r.Times).Order().ToArray();
        return new Measure(all, results.Sum(r => r.Errors), all.Length / elapsed.TotalSeconds);
    }

    private sealed record Measure(double[] SortedTimes, int Errors, double Rate)
    {
        public double Percentile(int p) => SortedTimes.Length == 0 ? double.NaN : SortedTimes[Math.Min(SortedTimes.Length - 1, SortedTimes.Length * p / 100)];
    }

    /// <summary>
    /// CPU milliseconds spent so far by the app, the local PostgreSQL (the postmaster and its backends, from /proc) and
    /// this process: per request, they tell where the time goes even on a machine that other work keeps busy.
    /// </summary>
    private sealed record CpuTimes(double App, double Database, double Clients)
    {
        public static CpuTimes operator -(CpuTimes a, CpuTimes b) => new(a.App - b.App, a.Database - b.Database, a.Clients - b.Clients);

        public static CpuTimes Read(int appProcessId, string dataFolder)
        {
            using var app = Process.GetProcessById(appProcessId);
            using var self = Process.GetCurrentProcess();
            return new CpuTimes(app.TotalProcessorTime.TotalMilliseconds, PostgresMilliseconds(dataFolder), self.TotalProcessorTime.TotalMilliseconds);
        }

        /// <summary>0 when the database is not the local cluster (PORTFOLIO_DB names another server).</summary>
        private static double PostgresMilliseconds(string dataFolder)
        {
            var pidFile = Path.Combine(dataFolder, "postmaster.pid");
            if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), out var postmaster))
            {
                return 0;
            }
            var ticks = 0L;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                try
                {
                    var pid = Path.GetFileName(dir);
                    if (!pid.All(char.IsAsciiDigit))
                    {
                        continue;
                    }
                    // Fields after the command name, which is in parentheses: state ppid ... utime (14th) stime (15th).
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    if (int.Parse(pid) == postmaster || int.Parse(fields[1]) == postmaster)
                    {
                        ticks += long.Parse(fields[11]) + long.Parse(fields[12]);
                    }
                }
                catch (IOException)
                {
                }
            }
            return ticks * 10.0; // USER_HZ is 100 on Linux
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var value) && value > 0 ? value
            : at >= 0 ? throw new ArgumentException($"{name} needs a positive number") : fallback;
    }

    /// <summary>The Release build of the app, started like a deployment starts it (`dotnet Portfolio.Web.dll`).</summary>
    private sealed class AppProcess : IAsyncDisposable
    {
        private readonly Process process;
        private readonly ConcurrentQueue<string> lastLines = new();
        private int lines;

        private AppProcess(Process process, Uri address)
        {
            this.process = process;
            Address = address;
        }

        public Uri Address { get; }
        public int ProcessId => process.Id;
        public int LinesWritten => lines;

        public static async Task<AppProcess> StartAsync(string web, string connectionString)
        {
            var dll = Path.Combine(web, "bin", "Release", "net10.0", "Portfolio.Web.dll");
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"{dll} is missing: build in Release first (./portfolio bench load does).");
            }
            var address = new Uri($"http://127.0.0.1:{FreePort()}");
            var start = new ProcessStartInfo("dotnet", [dll])
            {
                WorkingDirectory = web,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ASPNETCORE_URLS"] = address.ToString();
            start.Environment["PORTFOLIO_DB"] = connectionString;
            start.Environment["Portfolio__PublicUrl"] = address.ToString();
            // Behind the proxy production runs behind: the clients come through it (BehindTheProxy).
            start.Environment["Portfolio__Proxy__KnownProxies"] = "127.0.0.1";
            // A web node: the pages measured here are served by web nodes; background jobs run elsewhere.
            start.Environment["Portfolio__Roles"] = "web";
            // Every client signs in from the same loopback address: the production sign-in throttle would refuse the 100th.
            start.Environment["Portfolio__RateLimits__SignIn__PermitLimit"] = "100000";
            var app = new AppProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"), address);
            app.process.OutputDataReceived += (_, e) => app.Keep(e.Data);
            app.process.ErrorDataReceived += (_, e) => app.Keep(e.Data);
            app.process.BeginOutputReadLine();
            app.process.BeginErrorReadLine();

            using var probe = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(2) };
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    if ((await probe.GetAsync("/health")).IsSuccessStatusCode)
                    {
                        Interlocked.Exchange(ref app.lines, 0);
                        return app;
                    }
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
                if (app.process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(60))
                {
                    var output = string.Join(Environment.NewLine, app.lastLines);
                    await app.DisposeAsync();
                    throw new InvalidOperationException($"The app did not answer on {address}:{Environment.NewLine}{output}");
                }
                await Task.Delay(200);
            }
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }
            Interlocked.Increment(ref lines);
            lastLines.Enqueue(line);
            while (lastLines.Count > 40)
            {
                lastLines.TryDequeue(out _);
            }
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }
}
