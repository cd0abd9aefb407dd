using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;
using Portfolio.Core.Data;
using Portfolio.Core.Notifications;

namespace Portfolio.Web.Pages.Notifications;

/// <summary>Which kinds of notification the person also receives by e-mail; the mail job honours it.</summary>
public class PreferencesModel(PortfolioDb db, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>The kinds ticked, by name: a box left unticked is a kind not wanted by mail.</summary>
    [BindProperty]
    public List<string> ByMail { get; set; } = [];

    public IReadOnlyList<Choice> Choices { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var stored = await db.NotificationPreferences.Where(p => p.UserId == Me).ToListAsync();
        Choices = NotificationPreference.Kinds.Select(k => new Choice(k, NotificationPreference.ByMailFor(k, stored))).ToList();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var wanted = new HashSet<NotificationKind>();
        foreach (var name in ByMail)
        {
            if (Enum.TryParse<NotificationKind>(name, out var kind) && Enum.IsDefined(kind) && !int.TryParse(name, out _))
            {
                wanted.Add(kind);
            }
            else
            {
                ModelState.AddModelError(nameof(ByMail), l["Ce type de notification n'existe pas."]);
            }
        }
        if (!ModelState.IsValid)
        {
            // Shown as sent, so that nothing ticked is lost.
            Choices = NotificationPreference.Kinds.Select(k => new Choice(k, wanted.Contains(k))).ToList();
            return Page();
        }
        try
        {
            await SaveAsync(wanted);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // The same form sent twice at once (a double click): the other save created the rows; this one updates them.
            db.ChangeTracker.Clear();
            await SaveAsync(wanted);
        }
        TempData["Message"] = l["Vos préférences de notification sont enregistrées."].Value;
        return RedirectToPage();
    }

    private async Task SaveAsync(IReadOnlySet<NotificationKind> wanted)
    {
        var me = Me;
        var stored = await db.NotificationPreferences.Where(p => p.UserId == me).ToDictionaryAsync(p => p.Kind);
        foreach (var kind in NotificationPreference.Kinds)
        {
            if (stored.TryGetValue(kind, out var choice))
            {
                choice.Choose(wanted.Contains(kind));
            }
            else
            {
                db.NotificationPreferences.Add(new NotificationPreference(me, kind, wanted.Contains(kind)));
            }
        }
        await db.SaveChangesAsync();
    }

    private string Me => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public sealed record Choice(NotificationKind Kind, bool ByMail);
}
