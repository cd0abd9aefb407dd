namespace Portfolio.Core.Accounts;

/// <summary>
/// One sign-in of one person, named by a claim in their cookie. The cookie alone cannot be taken back once copied; this
/// row can: a cookie whose session is revoked (sign-out, password changed or reset) is refused on its next request, on
/// every web node, since the state lives in PostgreSQL.
/// </summary>
public class UserSession
{
    private UserSession() { }

    public UserSession(string userId, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        UserId = userId;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
}
