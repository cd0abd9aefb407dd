namespace Portfolio.Core.Accounts;

/// <summary>The roles a person may hold; one person may hold several.</summary>
public static class Roles
{
    public const string Participant = "Participant";
    public const string Facilitator = "Facilitator";
    public const string Coordinator = "Coordinator";
    public const string JuryMember = "JuryMember";
    public const string Admin = "Admin";

    /// <summary>Any signed-in person with a role, as an authorization roles list.</summary>
    public const string AnyRole = Participant + "," + Facilitator + "," + Coordinator + "," + JuryMember + "," + Admin;

    public static readonly IReadOnlyList<string> All = [Participant, Facilitator, Coordinator, JuryMember, Admin];
}
