using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Participant.Feedback;

/// <summary>
/// One page per person for peer feedback: what I owe (with due dates, overdue said in words), what I asked (with how
/// many answered) and what I received. Three queries whatever the number of requests.
/// </summary>
public class IndexModel(PortfolioDb db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Owed> Owing { get; private set; } = [];
    public IReadOnlyList<Asked> MyRequests { get; private set; } = [];
    public IReadOnlyList<ReceivedRow> Received { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync()
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        Today = clock.Today();
        Owing = await db.FeedbackRecipients
            .Where(p => p.PeerId == me && p.AnsweredAt == null)
            .Join(db.FeedbackRequests.Where(r => r.WithdrawnAt == null), p => p.RequestId, r => r.Id, (p, r) => r)
            .Join(db.Users, r => r.RequesterId, u => u.Id, (r, u) => new { r, Requester = u.FirstName + " " + u.LastName })
            .OrderBy(x => x.r.DueOn).ThenBy(x => x.r.Id)
            .Select(x => new Owed(x.r.Id, x.Requester, x.r.Question, x.r.DueOn, db.Feedback.Any(f => f.RequestId == x.r.Id && f.PeerId == me)))
            .ToListAsync();
        MyRequests = await db.FeedbackRequests.Where(r => r.RequesterId == me)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Select(r => new Asked(r.Id, r.Question, r.DueOn, r.CreatedAt, r.WithdrawnAt, r.Recipients.Count, r.Recipients.Count(p => p.AnsweredAt != null)))
            .ToListAsync();
        Received = await db.Feedback.Where(f => f.SubmittedAt != null)
            .Join(db.FeedbackRequests.Where(r => r.RequesterId == me), f => f.RequestId, r => r.Id, (f, r) => new { f, r })
            .Join(db.Users, x => x.f.PeerId, u => u.Id, (x, u) => new { x.f, x.r, Peer = u.FirstName + " " + u.LastName })
            .OrderByDescending(x => x.f.SubmittedAt).ThenByDescending(x => x.f.Id)
            .Select(x => new ReceivedRow(x.r.Id, x.Peer, x.r.Question, x.f.SubmittedAt!.Value, x.f.RatedAt != null))
            .ToListAsync();
    }

    public sealed record Owed(int RequestId, string Requester, string Question, DateOnly DueOn, bool DraftStarted);

    public sealed record Asked(int Id, string Question, DateOnly DueOn, DateTimeOffset AskedAt, DateTimeOffset? WithdrawnAt, int Peers, int Answers);

    public sealed record ReceivedRow(int RequestId, string Peer, string Question, DateTimeOffset SubmittedAt, bool Rated);

    /// <summary>A question as a table cell shows it: one line, cut.</summary>
    public static string Short(string question) => question.Length <= 120 ? question.ReplaceLineEndings(" ") : question[..119].ReplaceLineEndings(" ") + "…";
}
