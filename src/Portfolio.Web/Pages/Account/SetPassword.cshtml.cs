using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Data;
using Portfolio.Web.Hosting;

namespace Portfolio.Web.Pages.Account;

/// <summary>
/// The page an invitation or reset link opens: the person chooses their password, is signed in and lands on their space.
/// A used, expired or unknown link says so and offers to ask for a new one.
/// </summary>
public class SetPasswordModel(PortfolioDb db, UserManager<AppUser> users, SignInManager<AppUser> signIn, UserSessions sessions, TimeProvider clock) : PageModel
{
    public enum LinkState { Valid, Used, Expired, Unknown, Deactivated }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public SetPasswordInput Input { get; set; } = new();

    public LinkState State { get; private set; }
    public string? Email { get; private set; }

    public async Task OnGetAsync() => await FindAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        var found = await FindAsync();
        if (found is not { } f || !ModelState.IsValid)
        {
            return Page();
        }
        var (link, user) = f;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        // Claimed in one conditional UPDATE: of two tabs posting the same link, one wins.
        var claimed = await db.PasswordLinks.Where(k => k.Id == link.Id && k.UsedAt == null && k.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.UsedAt, now));
        if (claimed == 0)
        {
            State = LinkState.Used;
            return Page();
        }
        var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), Input.NewPassword);
        if (!result.Succeeded)
        {
            // The link stays usable: the rollback gives it back.
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }
            return Page();
        }
        // The person's other links (an older invitation, a second reset) open nothing any more.
        await db.PasswordLinks.Where(k => k.UserId == user.Id && k.UsedAt == null).ExecuteUpdateAsync(s => s.SetProperty(k => k.UsedAt, now));
        user.PasswordChosen();
        user.EmailConfirmed = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", updated.Errors.Select(e => e.Description)));
        }
        // A reset ends every other session of the person (kept: this browser's, if it is already theirs).
        await sessions.RevokeOthersAsync(user.Id, UserSessions.IdOf(User));
        await transaction.CommitAsync();
        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToPage(Spaces.LandingPage(Spaces.Of(await users.GetRolesAsync(user))));
    }

    private async Task<(PasswordLink Link, AppUser User)?> FindAsync()
    {
        var hash = string.IsNullOrWhiteSpace(Token) ? null : PasswordLink.Hash(Token.Trim());
        var link = hash is null ? null : await db.PasswordLinks.AsNoTracking().SingleOrDefaultAsync(k => k.TokenHash == hash);
        var user = link is null ? null : await users.FindByIdAsync(link.UserId);
        Email = user?.Email;
        State = link is null || user is null ? LinkState.Unknown
            : link.IsUsed ? LinkState.Used
            : link.HasExpired(clock.GetUtcNow()) ? LinkState.Expired
            : !user.IsActive ? LinkState.Deactivated
            : LinkState.Valid;
        return State == LinkState.Valid ? (link!, user!) : null;
    }

    public sealed class SetPasswordInput
    {
        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [DataType(DataType.Password)]
        [Display(Name = "Nouveau mot de passe")]
        public string NewPassword { get; set; } = "";

        [Required(ErrorMessage = "Le champ {0} est obligatoire.")]
        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "Les deux mots de passe ne correspondent pas.")]
        [Display(Name = "Confirmer le nouveau mot de passe")]
        public string ConfirmPassword { get; set; } = "";
    }
}
