using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Text;

namespace Portfolio.Web.Pages.Participant.Feedback;

/// <summary>
/// "Quel miroir je suis": how the people I gave feedback to rated it — my averages (critical, benevolent) month by month
/// and overall, and the comments they wrote. One query whatever the number of ratings.
/// </summary>
public class MirrorModel(PortfolioDb db) : PageModel
{
    public IReadOnlyList<Period> Months { get; private set; } = [];
    public Period? Overall { get; private set; }
    public IReadOnlyList<Comment> Comments { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var ratings = await db.Feedback.Where(f => f.PeerId == me && f.RatedAt != null)
            .Join(db.FeedbackRequests, f => f.RequestId, r => r.Id, (f, r) => new { f, r.Question })
            .OrderBy(x => x.f.RatedAt).ThenBy(x => x.f.Id)
            .Select(x => new Rating(x.f.RatedAt!.Value, x.f.CriticalRating!.Value, x.f.BenevolentRating!.Value, x.f.RatingComment, x.Question))
            .ToListAsync();
        if (ratings.Count == 0)
        {
            return;
        }
        // Months as the programme lives them (Brussels), oldest first: the trend reads left to right, top to bottom.
        Months = [.. ratings.GroupBy(r => new DateOnly(Dates.InBrussels(r.At).Year, Dates.InBrussels(r.At).Month, 1)).Select(g => Period.Of(g.Key, g))];
        Overall = Period.Of(null, ratings);
        Comments = [.. ratings.Where(r => r.Text is not null).OrderByDescending(r => r.At).Select(r => new Comment(r.At, r.Critical, r.Benevolent, r.Text!, r.Question))];
    }

    public sealed record Rating(DateTimeOffset At, int Critical, int Benevolent, string? Text, string Question);

    public sealed record Period(DateOnly? Month, int Count, double Critical, double Benevolent)
    {
        internal static Period Of(DateOnly? month, IEnumerable<Rating> ratings)
        {
            var list = ratings.ToList();
            return new Period(month, list.Count, list.Average(r => r.Critical), list.Average(r => r.Benevolent));
        }

        public string MonthLabel(CultureInfo culture) => Month is { } m ? m.ToString("MMMM yyyy", culture) : "";
    }

    public sealed record Comment(DateTimeOffset At, int Critical, int Benevolent, string Text, string Question);
}
