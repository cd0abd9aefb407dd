namespace Portfolio.Core.Cohorts;

/// <summary>An executive programme (a certificate, a cycle); it runs one cohort after the other.</summary>
public class Programme
{
    private Programme() { }

    public Programme(string code, string title)
    {
        Code = code.Trim();
        Title = title.Trim();
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";
    public List<Cohort> Cohorts { get; private set; } = [];

    /// <summary>The coordinators who manage this programme; no one else sees its cohorts.</summary>
    public List<ProgrammeCoordinator> Coordinators { get; private set; } = [];

    /// <summary>Gives a coordinator this programme; assigning someone twice changes nothing.</summary>
    public void Assign(string userId)
    {
        if (Coordinators.All(c => c.UserId != userId))
        {
            Coordinators.Add(new ProgrammeCoordinator(this, userId));
        }
    }

    public void Unassign(string userId) => Coordinators.RemoveAll(c => c.UserId == userId);
}

/// <summary>A coordinator assigned to a programme by an admin (or by creating it).</summary>
public class ProgrammeCoordinator
{
    private ProgrammeCoordinator() { }

    internal ProgrammeCoordinator(Programme programme, string userId)
    {
        Programme = programme;
        UserId = userId;
    }

    public int ProgrammeId { get; private set; }
    public Programme Programme { get; private set; } = null!;
    public string UserId { get; private set; } = "";
}
