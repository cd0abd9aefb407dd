using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.Exports;
using Portfolio.Core.Frameworks;
using Portfolio.Core.JuryPacks;
using Portfolio.Core.Storage;
using Portfolio.Web.Jobs;
using Portfolio.Web.Mail;
using Portfolio.Web.Notifications;

namespace Portfolio.Web.Hosting;

/// <summary>The application's services and pipeline, shared by Program and the test hosts.</summary>
public static class PortfolioHosting
{
    public static readonly CultureInfo[] Cultures = [new("fr-BE"), new("en")];

    /// <summary>The interface culture for a person's preferred language ("fr" or "en").</summary>
    public static CultureInfo CultureFor(string language) =>
        Cultures.FirstOrDefault(c => c.TwoLetterISOLanguageName == language) ?? Cultures[0];

    public static void AddPortfolio(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var settings = PortfolioSettings.From(builder.Configuration);
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);

        // Pooled: a page borrows a ready DbContext instead of building one (and its services) on every request.
        services.AddDbContextPool<PortfolioDb>((sp, o) => o
            .UseNpgsql(PagesConnectionString(settings.ConnectionString), npg => npg.MigrationsAssembly(PortfolioDb.MigrationsAssembly))
            .AddInterceptors(TextQueryInterceptor.Instance)
            // Tests add a command counter here; production adds none.
            .AddInterceptors(sp.GetServices<IInterceptor>()));

        services.AddDataProtection()
            .SetApplicationName("Portfolio")
            .PersistKeysToDbContext<PortfolioDb>();

        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddEntityFrameworkStores<PortfolioDb>()
            .AddDefaultTokenProviders()
            .AddSignInManager<PortfolioSignInManager>()
            .AddClaimsPrincipalFactory<PortfolioClaimsFactory>()
            .AddErrorDescriber<FrenchIdentityErrors>();
        // A deactivated account signs out its sessions within a minute; sign-out and password changes are immediate
        // (UserSessions).
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = UserSessions.KeepSessionClaim;
        });
        services.AddScoped<UserSessions>();
        services.ConfigureApplicationCookie(o =>
        {
            o.Events.OnValidatePrincipal = UserSessions.Validator(o.Events.OnValidatePrincipal);
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.Cookie.Name = "portfolio.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
        });
        services.AddSingleton<FrameworkModels>();
        services.AddScoped<CohortEnrolment>();
        services.AddHttpContextAccessor();
        services.AddScoped<Pages.Coordinator.Coordination>();
        services.AddScoped<Pages.Participant.MyCohorts>();
        services.AddScoped<Pages.Codev.CodevMenu>();
        services.AddScoped<FileStore>();
        services.AddScoped<PortfolioExport>();
        services.AddScoped<JobRuns>();
        services.AddScoped<PortfolioExportJob>();
        // Debian's Chromium, or the one PORTFOLIO_CHROMIUM names.
        services.AddSingleton(new PdfPrinterOptions());
        services.AddScoped<JuryPackBuilder>();
        services.AddScoped<JuryPackJob>();
        services.AddScoped<ArtifactCleanup>();

        var mail = MailSettings.From(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(mail);
        services.AddSingleton<IMailTransport>(mail.Smtp is { } smtp ? new SmtpTransport(smtp) : new PickupFolderTransport(mail.PickupFolder));
        services.AddHttpContextAccessor();
        services.AddScoped<PublicUrls>();
        services.AddScoped<Outbox>();
        services.AddScoped<MailDelivery>();
        services.AddScoped<PasswordMails>();
        services.AddScoped<IEnrolmentInvitations>(sp => sp.GetRequiredService<PasswordMails>());
        services.AddNotifications();

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture(Cultures[0]);
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // French first: the browser's language is not consulted, only the visitor's explicit choice.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), OriginalQueryStringCulture, new CookieRequestCultureProvider()];
        });
        services.AddRazorPages(o => PageAccess.Apply(o.Conventions))
            .AddMvcOptions(o =>
            {
                o.AddStorableInput();
                o.Filters.Add<ComponentGate>();
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));

        services.AddPortfolioRateLimits(builder.Configuration);
        builder.AddPortfolioReverseProxy();

        services.AddHealthChecks().AddDbContextCheck<PortfolioDb>("database");

        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(settings.ConnectionString), HangfireStorageOptions(settings)));
        if (settings.RunsWorker)
        {
            services.AddHangfireServer(o => o.WorkerCount = Math.Max(2, Environment.ProcessorCount));
            services.AddHostedService<RecurringJobs>();
        }
    }

    /// <summary>
    /// The application's own connections run the same few dozen statements over and over: Npgsql prepares each one on a
    /// connection after its second use, so PostgreSQL parses and plans it once instead of on every page. And since no
    /// page changes a connection's session state (no SET, LISTEN or temporary table), a connection goes back to the pool
    /// without the reset statements that would otherwise run before its next use. A connection string that sets its own
    /// Max Auto Prepare keeps it.
    /// </summary>
    public static string PagesConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }
        return builder.ConnectionString;
    }

    /// <summary>
    /// An error page (404, 429...) is the request executed again at /Error?status=N: its own query string has lost the
    /// `culture` the visitor asked for, so it is read from the original request's.
    /// </summary>
    private static readonly CustomRequestCultureProvider OriginalQueryStringCulture = new(context =>
    {
        if (context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalQueryString is not { Length: > 0 } original)
        {
            return Task.FromResult<ProviderCultureResult?>(null);
        }
        var query = QueryHelpers.ParseQuery(original);
        var culture = query.TryGetValue("culture", out var c) ? c.ToString() : null;
        var uiCulture = query.TryGetValue("ui-culture", out var u) ? u.ToString() : null;
        return Task.FromResult(culture is null && uiCulture is null
            ? null
            : new ProviderCultureResult(culture ?? uiCulture, uiCulture ?? culture));
    });

    /// <summary>Created by `migrate`, like the application's own tables; nodes never change the schema at start-up.</summary>
    public const string HangfireSchema = "hangfire";

    /// <summary>
    /// A worker takes a job by stamping it in the queue; the job is hidden from other workers while the stamp is younger
    /// than the invisibility timeout. Sliding: a live worker renews the stamp of each job it runs (every fifth of the
    /// timeout), so a job longer than the timeout is never taken twice, while the job of a worker that died (SIGKILL,
    /// power cut) goes back to the others once the timeout passes: one minute by default, instead of Hangfire's 30.
    /// </summary>
    public static PostgreSqlStorageOptions HangfireStorageOptions(PortfolioSettings settings) => new()
    {
        SchemaName = HangfireSchema,
        PrepareSchemaIfNecessary = false,
        QueuePollInterval = TimeSpan.FromSeconds(1),
        InvisibilityTimeout = settings.JobInvisibilityTimeout,
        UseSlidingInvisibilityTimeout = true,
    };

    public static void UsePortfolio(this WebApplication app)
    {
        app.UsePortfolioReverseProxy();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }
        app.UseStatusCodePagesWithReExecute("/Error", "?status={0}");
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        // After localization, so that the 429 page speaks the visitor's language.
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMustChangePassword();
        app.UseAuthorization();

        app.MapHealthChecks("/health").AllowAnonymous();
        var settings = app.Services.GetRequiredService<PortfolioSettings>();
        if (app.Services.GetRequiredService<MailSettings>().PublicUrl is null && !app.Environment.IsDevelopment())
        {
            app.Logger.LogWarning("Portfolio:PublicUrl is not set: links in e-mails take their host from the request, which a visitor chooses. Set it to the application's public address.");
        }
        if (settings.ServesWeb)
        {
            app.MapRazorPages();
            app.MapHangfireDashboard("/hangfire", new DashboardOptions
            {
                Authorization = [new AdminDashboardAuthorization()],
                DashboardTitle = "Portfolio — tâches",
                AppPath = "/Admin",
            })
            // Declared like the admin pages: signed out goes to the sign-in page, another role to "access denied".
            .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Admin });
        }
    }
}
