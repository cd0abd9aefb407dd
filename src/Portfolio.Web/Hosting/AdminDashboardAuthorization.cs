using Hangfire.Dashboard;
using Portfolio.Core.Accounts;

namespace Portfolio.Web.Hosting;

/// <summary>The background-job dashboard shows job arguments and errors: admins only.</summary>
public sealed class AdminDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin);
    }
}
