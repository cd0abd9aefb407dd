using Portfolio.Web.Pages.Participant;

namespace Portfolio.Web.Pages.Codev;

/// <summary>
/// Whether the header offers "Codéveloppement" to a participant: only when they are in a group of a programme that uses co-development. Read with
/// the person's cohorts (<see cref="MyCohorts"/>, once per request), so the participant's pages run no extra command.
/// </summary>
public sealed class CodevMenu(MyCohorts myCohorts)
{
    public async Task<bool> ShownAsync() => (await myCohorts.GetAsync()).InCodevGroup;
}
