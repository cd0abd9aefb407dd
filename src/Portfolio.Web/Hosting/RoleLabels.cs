using Portfolio.Core.Accounts;

namespace Portfolio.Web.Hosting;

/// <summary>How the interface names each role, in French (the translation key); the role names themselves stay technical.</summary>
public static class RoleLabels
{
    private static readonly Dictionary<string, string> Labels = new()
    {
        [Roles.Participant] = "Participant·e",
        [Roles.Facilitator] = "Facilitateur·rice",
        [Roles.Coordinator] = "Coordination",
        [Roles.JuryMember] = "Membre du jury",
        [Roles.Admin] = "Administration",
    };

    public static string Of(string role) => Labels.GetValueOrDefault(role, role);
}
