namespace Portfolio.Core.Cohorts;

/// <summary>An executive programme (a certificate, a cycle); it runs one cohort after the other.</summary>
public class Programme
{
    private Programme() { }

    public Programme(string code, string title, ProgrammeComponents components = ProgrammeComponents.Default)
    {
        Code = code.Trim();
        Title = title.Trim();
        Components = components & ProgrammeComponents.All;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Title { get; private set; } = "";

    /// <summary>
    /// The parts this programme uses; what it does not use has no menu and its pages answer 404
    /// (Web/Hosting/ComponentAccess.cs).
    /// </summary>
    public ProgrammeComponents Components { get; private set; } = ProgrammeComponents.Default;

    /// <summary>The framework a programme described in templates/programmes names (its cohorts may still use another version).</summary>
    public string? FrameworkCode { get; private set; }

    /// <summary>Changes on each save (PostgreSQL's xmin): a form loaded before someone else's save is refused.</summary>
    public uint RowVersion { get; private set; }

    public bool Uses(ProgrammeComponents component) => (Components & component) != 0;

    /// <summary>Switches one part on or off; only known parts are kept.</summary>
    public void Use(ProgrammeComponents component, bool used) =>
        Components = (used ? Components | component : Components & ~component) & ProgrammeComponents.All;

    /// <summary>What a description in templates/programmes says; the description is the reference, so it wins.</summary>
    public void Describe(string title, string frameworkCode, ProgrammeComponents components)
    {
        Title = title.Trim();
        FrameworkCode = frameworkCode.Trim();
        Components = components & ProgrammeComponents.All;
    }
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
