using System.Security.Cryptography;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portfolio.Core.Accounts;

namespace Portfolio.Core.Juries;

/// <summary>
/// A person's secret calendar address: calendar applications cannot sign in, so the token in the address is the
/// key. It only opens the person's own exam schedule; regenerating it makes the old address answer 404. It is kept
/// readable (not hashed) because the person must be able to copy their address again from their page.
/// </summary>
public class CalendarFeed
{
    public const int TokenLength = 43;

    private CalendarFeed() { }

    public CalendarFeed(string userId, DateTimeOffset now)
    {
        UserId = userId;
        Regenerate(now);
    }

    public string UserId { get; private set; } = "";
    public string Token { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public void Regenerate(DateTimeOffset now)
    {
        // 32 random bytes, base64url: 43 characters that need no escaping in a query string.
        Token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        CreatedAt = now;
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> f)
    {
        f.HasKey(x => x.UserId);
        f.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        f.Property(x => x.Token).HasMaxLength(CalendarFeed.TokenLength);
        f.HasIndex(x => x.Token).IsUnique();
    }
}

/// <summary>
/// The ICS text of a person's schedule (RFC 5545 through Ical.Net): one event per exam, cohort session or
/// co-development session with its stable UID and its SEQUENCE, so that a calendar application moves or cancels the
/// event it already has instead of adding another. The texts come worded by the caller (in the reader's language);
/// this class only writes the format.
/// </summary>
public static class ExamCalendar
{
    /// <param name="Uid">the event's identity for life, e.g. "{guid}@portfolio"</param>
    public sealed record Entry(string Uid, int Sequence, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTimeOffset Stamp,
        string Summary, string? Location, string? VideoLink, bool Cancelled);

    public static string Write(IEnumerable<Entry> entries, string name)
    {
        var calendar = new Calendar { ProductId = "-//Portfolio//Agenda//FR" };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var e in entries)
        {
            var evt = new CalendarEvent
            {
                Uid = e.Uid,
                Sequence = e.Sequence,
                DtStart = Utc(e.StartsAt),
                DtEnd = Utc(e.EndsAt),
                DtStamp = Utc(e.Stamp),
                Summary = e.Summary,
                Location = e.Location ?? e.VideoLink,
                Status = e.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            };
            if (e.VideoLink is not null)
            {
                evt.Url = new Uri(e.VideoLink);
            }
            calendar.Events.Add(evt);
        }
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    private static CalDateTime Utc(DateTimeOffset moment) => new(moment.UtcDateTime);
}
