using System.Security.Cryptography;
using System.Text;

namespace Portfolio.Core.Accounts;

public enum PasswordLinkPurpose { Invitation, Reset }

/// <summary>
/// A link sent by e-mail to choose a password: an invitation after an enrolment, or a reset. Single use and valid
/// <see cref="ValidFor"/>. Only a hash of its token is stored, so that the table alone opens no account.
/// </summary>
public class PasswordLink
{
    public static readonly TimeSpan ValidFor = TimeSpan.FromDays(7);

    private PasswordLink() { }

    private PasswordLink(string userId, PasswordLinkPurpose purpose, string tokenHash, DateTimeOffset now)
    {
        Id = Guid.NewGuid();
        UserId = userId;
        Purpose = purpose;
        TokenHash = tokenHash;
        CreatedAt = now;
        ExpiresAt = now + ValidFor;
    }

    public Guid Id { get; private set; }
    public string UserId { get; private set; } = "";
    public PasswordLinkPurpose Purpose { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    public DateTimeOffset? UsedAt { get; private set; }

    /// <summary>A new link and the token that goes into the e-mail (and nowhere else).</summary>
    public static (PasswordLink Link, string Token) Issue(string userId, PasswordLinkPurpose purpose, DateTimeOffset now)
    {
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        return (new PasswordLink(userId, purpose, Hash(token), now), token);
    }

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public bool IsUsed => UsedAt is not null;

    public bool HasExpired(DateTimeOffset now) => now >= ExpiresAt;

    public bool CanBeUsed(DateTimeOffset now) => !IsUsed && !HasExpired(now);

    /// <summary>Spends the link; it, and every other open link of the person, opens nothing any more.</summary>
    public void Use(DateTimeOffset now)
    {
        if (!CanBeUsed(now))
        {
            throw new InvalidOperationException("This link was already used or has expired.");
        }
        UsedAt = now;
    }

    /// <summary>Closes a link that was not used, when the person chose a password another way.</summary>
    public void Withdraw(DateTimeOffset now) => UsedAt ??= now;
}
