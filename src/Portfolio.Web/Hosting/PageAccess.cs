using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Portfolio.Core.Accounts;

namespace Portfolio.Web.Hosting;

/// <summary>
/// Who may see which page, in one place: each audience folder is restricted to its role, and the few anonymous pages
/// are named one by one. A test fails when a page is in neither list.
/// </summary>
public static class PageAccess
{
    public static readonly IReadOnlyDictionary<string, string> FolderRoles = new Dictionary<string, string>
    {
        ["/Participant"] = Roles.Participant,
        // What peers shared with a participant; which items, decided by Core/Intervision/ItemAccess.
        ["/Peer"] = Roles.Participant,
        // Co-development sessions; which ones, decided by Core/Intervision/CodevAccess (the group and its facilitator).
        ["/Codev"] = Roles.Participant + "," + Roles.Facilitator,
        ["/Coordinator"] = Roles.Coordinator,
        // The groups a facilitator runs and their activity in counts; never a portfolio (Facilitator/FacilitatedGroups).
        ["/Facilitator"] = Roles.Facilitator,
        ["/Admin"] = Roles.Admin,
        // The juror's candidates; which ones and what of them, decided by Core/Juries/JuryAccess (assignment and conflicts).
        ["/Jury"] = Roles.JuryMember,
        // A file of a submitted snapshot; who may read it, decided by Core/Submissions/SubmissionAccess.
        ["/Submissions"] = Roles.Participant + "," + Roles.Coordinator + "," + Roles.JuryMember,
        // Each person's own notification centre and e-mail choices, whatever their role.
        ["/Notifications"] = Roles.AnyRole,
        // Each person's own exam calendar (subscription address, .ics download), whatever their role.
        ["/Calendar"] = Roles.AnyRole,
    };

    /// <summary>Single pages outside the audience folders, for anyone signed in with a role.</summary>
    public static readonly IReadOnlyDictionary<string, string> PageRoles = new Dictionary<string, string>
    {
        ["/Account/Logout"] = Roles.AnyRole,
        ["/Account/ChangePassword"] = Roles.AnyRole,
        ["/Account/Spaces"] = Roles.AnyRole,
    };

    /// <summary>Pages anybody may open without signing in.</summary>
    public static readonly IReadOnlyList<string> AnonymousPages =
    [
        "/Index",
        "/Error",
        "/Culture",
        "/Account/Login",
        "/Account/AccessDenied",
        "/Account/ForgotPassword",
        "/Account/SetPassword",
        "/Frameworks/Index",
        "/Frameworks/Details",
        "/Frameworks/Export",
        // Calendar applications cannot sign in: the secret token in the address names the person (unknown token: 404).
        "/Calendar/Feed",
    ];

    public static void Apply(PageConventionCollection conventions)
    {
        foreach (var (folder, roles) in FolderRoles)
        {
            conventions.AddFolderApplicationModelConvention(folder, model => model.EndpointMetadata.Add(new AuthorizeAttribute { Roles = roles }));
        }
        foreach (var (page, roles) in PageRoles)
        {
            conventions.AddPageApplicationModelConvention(page, model => model.EndpointMetadata.Add(new AuthorizeAttribute { Roles = roles }));
        }
        foreach (var page in AnonymousPages)
        {
            conventions.AllowAnonymousToPage(page);
        }
    }
}
