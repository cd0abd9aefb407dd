namespace Portfolio.Core.Mail;

/// <summary>
/// One message to send, written once in the recipient's language and kept in the outbox table. The key names the request
/// it answers ("invitation:{userId}:{linkId}"), so that asking twice queues one message; the send job claims the row
/// before sending and marks it sent afterwards, so that a retried or duplicated job never sends it twice.
/// </summary>
public class OutgoingMail
{
    /// <summary>A claim older than this belongs to a worker that died mid-send: another may take the message over.</summary>
    public static readonly TimeSpan ClaimExpiresAfter = TimeSpan.FromMinutes(10);

    private OutgoingMail() { }

    public OutgoingMail(string key, string toAddress, string toName, string subject, string textBody, string htmlBody, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(toAddress);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        Id = Guid.NewGuid();
        Key = key;
        ToAddress = toAddress;
        ToName = toName;
        Subject = subject;
        TextBody = textBody;
        HtmlBody = htmlBody;
        QueuedAt = now;
    }

    public Guid Id { get; private set; }
    public string Key { get; private set; } = "";
    public string ToAddress { get; private set; } = "";
    public string ToName { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public DateTimeOffset QueuedAt { get; private set; }

    /// <summary>When a worker took the message to send it; cleared when sending failed.</summary>
    public DateTimeOffset? ClaimedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }
    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    public bool IsSent => SentAt is not null;

    public void Sent(DateTimeOffset now)
    {
        SentAt = now;
        ClaimedAt = null;
        LastError = null;
    }

    public void Failed(string error)
    {
        ClaimedAt = null;
        LastError = error.Length > 1000 ? error[..1000] : error;
    }
}
