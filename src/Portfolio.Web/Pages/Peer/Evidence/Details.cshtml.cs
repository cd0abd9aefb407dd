using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Core.Portfolios;

namespace Portfolio.Web.Pages.Peer.Evidence;

/// <summary>
/// A peer's evidence item, read-only, as its owner shares it now: its content and attachments, never its earlier
/// versions. Not found (404) for anyone <see cref="ItemAccess"/> does not let read it.
/// </summary>
public class DetailsModel(PortfolioDb db, FrameworkModels frameworks) : PageModel
{
    public Item Evidence { get; private set; } = null!;
    public FrameworkModel Framework { get; private set; } = null!;
    public IReadOnlyList<AttachmentRow> Attachments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var found = await db.Evidence.ReadableBy(db, me).AsNoTracking().Where(e => e.Id == id)
            .Join(db.Users, e => e.OwnerId, u => u.Id, (e, u) => new { e, Owner = u.FirstName + " " + u.LastName })
            .Join(db.Cohorts, x => x.e.CohortId, c => c.Id, (x, c) => new { x.e, x.Owner, c.FrameworkId, c.Framework.Revision })
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return NotFound();
        }
        Evidence = new Item(found.e.Id, found.Owner, found.e.Content, found.e.UpdatedAt, found.e.OwnerId == me);
        Framework = await frameworks.GetAsync(db, found.FrameworkId, found.Revision);
        Attachments = await db.Attachments.Where(a => a.EvidenceId == id).OrderBy(a => a.UploadedAt).ThenBy(a => a.Id)
            .Select(a => new AttachmentRow(a.Id, a.FileName, a.Length, a.UploadedAt)).ToListAsync();
        return Page();
    }

    public sealed record Item(int Id, string Owner, EvidenceContent Content, DateTimeOffset UpdatedAt, bool Mine);

    public sealed record AttachmentRow(int Id, string FileName, long Length, DateTimeOffset UploadedAt);
}
