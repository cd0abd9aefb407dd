using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Data;
using Portfolio.Core.Juries;
using Portfolio.Core.Scoring;

namespace Portfolio.Web.Pages.Jury;

/// <summary>
/// A jury's calibration, for its members only (404 otherwise): for each candidate open to the reader whose scorers have
/// all submitted (<see cref="Sealing"/>), per criterion every juror's level, min, max and mean, flagged where jurors are
/// two or more levels apart or on both sides of the pass mark; flagged items first. Candidates still sealed show only
/// how many have submitted. Six commands whatever the numbers.
/// </summary>
public class CalibrationModel(PortfolioDb db) : PageModel
{
    public int Id { get; private set; }
    public string JuryName { get; private set; } = "";
    public ScoringGrid Grid { get; private set; } = null!;
    public IReadOnlyList<Person> Jurors { get; private set; } = [];
    public IReadOnlyDictionary<int, string> Candidates { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyList<Calibration.Item> Items { get; private set; } = [];
    public IReadOnlyList<(string Candidate, SealState Seal)> Sealed { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var jury = await db.Juries.Where(j => j.Id == id && j.Members.Any(m => m.UserId == me)).Select(j => new { j.Name, j.CohortId }).SingleOrDefaultAsync();
        if (jury is null)
        {
            return NotFound();
        }
        var grid = await ScoringGrids.OfCohort(db, jury.CohortId).AsNoTracking().SingleOrDefaultAsync();
        if (grid is null)
        {
            return NotFound();
        }
        (Id, JuryName, Grid) = (id, jury.Name, grid);
        Jurors = await db.JuryMembers.Where(m => m.JuryId == id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => u)
            .OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new Person(u.Id, u.FirstName + " " + u.LastName))
            .ToListAsync();
        var open = JuryAccess.CandidatesOpenTo(db, me).Where(c => c.JuryId == id);
        var candidates = await open.Join(db.Users, c => c.ParticipantId, u => u.Id, (c, u) => new { c.Id, Name = u.FirstName + " " + u.LastName, u.LastName, u.FirstName })
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ToListAsync();
        Candidates = candidates.ToDictionary(c => c.Id, c => c.Name);
        var states = await Sealing.StatesAsync(db, open);
        Sealed = candidates.Where(c => !(states.GetValueOrDefault(c.Id)?.IsOpen ?? false))
            .Select(c => (c.Name, states.GetValueOrDefault(c.Id) ?? new SealState(0, 0))).ToList();
        var marks = await Sealing.OpenMarks(db).Where(m => open.Any(c => c.Id == m.JuryCandidateId)).ToListAsync();
        var candidateOrder = candidates.Select((c, i) => (c.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var criterionOrder = grid.Criteria.ToDictionary(c => c.Id, c => c.Position);
        Items = Calibration.Items(marks, grid.PassMark, c => candidateOrder.GetValueOrDefault(c), c => criterionOrder.GetValueOrDefault(c));
        return Page();
    }

    public sealed record Person(string Id, string Name);
}
