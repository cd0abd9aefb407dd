using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Portfolio.Core.Accounts;
using Portfolio.Core.Juries;
using Portfolio.Core.Notifications;
using Portfolio.Core.Text;
using Portfolio.Tests.Cohorts;
using Portfolio.Tests.Infrastructure;
using Portfolio.Tests.Portfolios;

namespace Portfolio.Tests.Juries;

/// <summary>
/// The exam schedule: a juror, a candidate or a room cannot be booked twice at once (the database refuses it, the page
/// names the clash), bookings follow moves, cancellations and membership changes, and calendars follow the exams.
/// </summary>
public partial class ExamScheduleTests(PortfolioFactory factory) : IntegrationTest(factory)
{
    private sealed record Setup(int CohortId, HttpClient Coordinator, string Marie, string Paul, string Sophie, int JuryA, int JuryB, int PaulCandidacy, int SophieCandidacy, string[] OthersB);

    /// <summary>Two juries of one cohort sharing Marie Dubois; Paul Martin before jury A, Sophie Lambert before jury B.</summary>
    private async Task<Setup> TwoJuriesAsync()
    {
        var cohortId = await Factory.CreateCohortWithCampaignsAsync();
        var coordinator = await SignedInClientAsync("coordination@example.be", Roles.Coordinator);
        var marie = await Factory.CreatePersonAsync("marie@example.be", "Marie", "Dubois", Roles.JuryMember);
        var a = new List<string> { marie };
        var b = new List<string> { marie };
        for (var i = 0; i < 3; i++)
        {
            a.Add(await Factory.CreatePersonAsync($"ja{i}@example.be", "Juré", $"A{i}", Roles.JuryMember));
            b.Add(await Factory.CreatePersonAsync($"jb{i}@example.be", "Juré", $"B{i}", Roles.JuryMember));
        }
        var paul = await Factory.CreatePersonAsync("paul@example.be", "Paul", "Martin", Roles.Participant);
        var sophie = await Factory.CreatePersonAsync("sophie@example.be", "Sophie", "Lambert", Roles.Participant);
        await Factory.EnrolAsync(cohortId, paul);
        await Factory.EnrolAsync(cohortId, sophie);
        var juryA = await Factory.CreateJuryAsync(cohortId, "Jury A", [.. a], paul);
        var juryB = await Factory.CreateJuryAsync(cohortId, "Jury B", [.. b], sophie);
        return new Setup(cohortId, coordinator, marie, paul, sophie, juryA, juryB,
            await Factory.CandidacyAsync(juryA, paul), await Factory.CandidacyAsync(juryB, sophie), [.. b.Skip(1)]);
    }

    private static Dictionary<string, string> ExamFields(string day, string start, int minutes = 45, string room = "", string link = "") => new()
    {
        ["Input.Day"] = day, ["Input.Start"] = start, ["Input.Minutes"] = minutes.ToString(), ["Input.Room"] = room, ["Input.VideoLink"] = link,
    };

    private static async Task<string> ClashesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await ParseAsync(response);
        return page.QuerySelector("#clashes")?.TextContent.Trim() ?? "(no clash shown) " + page.QuerySelector("main")?.TextContent;
    }

    private async Task<int> BookingsAsync()
    {
        await using var db = Factory.NewDb();
        return await db.ExamBookings.CountAsync();
    }

    [Fact]
    public async Task A_double_booking_of_a_juror_is_refused_with_a_message_naming_the_clash()
    {
        var s = await TwoJuriesAsync();
        var first = await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Schedule/{s.PaulCandidacy}", ExamFields("2026-06-12", "10:00", 45, "Salle A"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var bookings = await BookingsAsync();

        var second = await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Schedule/{s.SophieCandidacy}", ExamFields("2026-06-12", "10:30", 45, "Salle B"));

        Assert.Contains("Marie Dubois siège déjà à l'examen de Paul Martin le 12 juin 2026 de 10:00 à 10:45.", await ClashesAsync(second));
        Assert.Equal(bookings, await BookingsAsync());
        await using var db = Factory.NewDb();
        Assert.Equal(1, await db.Exams.CountAsync());
    }

    [Fact]
    public async Task A_double_booking_of_a_candidate_is_refused_with_a_message_naming_the_clash()
    {
        var s = await TwoJuriesAsync();
        // Paul is also a candidate in a second cohort, before another jury: his two exams cannot overlap.
        var other = await Factory.CreateCohortAsync("Promotion 2026-2027");
        await Factory.EnrolAsync(other, s.Paul);
        var jurors = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            jurors.Add(await Factory.CreatePersonAsync($"jc{i}@example.be", "Juré", $"C{i}", Roles.JuryMember));
        }
        var juryC = await Factory.CreateJuryAsync(other, "Jury C", [.. jurors], s.Paul);
        await Factory.ScheduleAsync(s.PaulCandidacy, new DateTime(2026, 6, 12, 14, 0, 0), 60, "Salle A");

        var response = await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Schedule/{await Factory.CandidacyAsync(juryC, s.Paul)}", ExamFields("2026-06-12", "14:45", 30, "Salle C"));

        Assert.Contains("Paul Martin passe déjà son examen le 12 juin 2026 de 14:00 à 15:00.", await ClashesAsync(response));
    }

    [Fact]
    public async Task A_double_booking_of_a_room_is_refused_with_a_message_naming_the_clash()
    {
        var s = await TwoJuriesAsync();
        // Jury B without Marie, so that only the room is shared.
        await using (var db = Factory.NewDb())
        {
            var jury = await db.Juries.Include(j => j.Members).SingleAsync(j => j.Id == s.JuryB);
            jury.RemoveMember(s.Marie);
            jury.AppointChair(s.OthersB[0]);
            await db.SaveChangesAsync();
        }
        await Factory.ScheduleAsync(s.PaulCandidacy, new DateTime(2026, 6, 12, 9, 0, 0), 45, "Salle B.12");

        // The same room typed differently is the same room.
        var response = await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Schedule/{s.SophieCandidacy}", ExamFields("2026-06-12", "09:40", 45, "  salle  b.12 "));

        Assert.Contains("La salle Salle B.12 est déjà prise par l'examen de Paul Martin le 12 juin 2026 de 09:00 à 09:45.", await ClashesAsync(response));

        // Back to back is not a clash: the first exam ends when the next one starts.
        var next = await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Schedule/{s.SophieCandidacy}", ExamFields("2026-06-12", "09:45", 45, "Salle B.12"));
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
    }

    [Fact]
    public async Task The_database_itself_refuses_an_overlapping_booking_inserted_directly()
    {
        var s = await TwoJuriesAsync();
        var exam = await Factory.ScheduleAsync(s.PaulCandidacy, new DateTime(2026, 6, 12, 10, 0, 0));
        await using var db = Factory.NewDb();

        // Bypassing every page and entity rule: another booking of Marie that overlaps by one minute.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"ExamBookings\" (\"ExamId\", \"Role\", \"Resource\", \"UserId\", \"StartsAt\", \"EndsAt\") " +
            "SELECT \"ExamId\", 'Juror', \"Resource\", \"UserId\", \"EndsAt\" - interval '1 minute', \"EndsAt\" + interval '1 hour' FROM \"ExamBookings\" WHERE \"UserId\" = {0} AND \"ExamId\" = {1}",
            s.Marie, exam));

        Assert.Equal(PostgresErrorCodes.ExclusionViolation, refused.SqlState);
        Assert.Equal(ExamBooking.ConstraintName, refused.ConstraintName);
    }

    [Fact]
    public async Task A_new_member_whose_agenda_clashes_is_refused_and_a_free_one_is_booked_on_the_jurys_exams()
    {
        var s = await TwoJuriesAsync();
        await Factory.ScheduleAsync(s.SophieCandidacy, new DateTime(2026, 6, 12, 10, 0, 0), 45, "Salle B");
        await Factory.ScheduleAsync(s.PaulCandidacy, new DateTime(2026, 6, 12, 11, 0, 0), 45, "Salle A");
        var busy = s.OthersB[0];

        // A juror of jury B sits on Sophie's exam at 10:00; jury A's exam is at 11:00: no clash yet. Move Paul's to 10:15.
        await using (var db = Factory.NewDb())
        {
            var exam = await db.Exams.Include(e => e.Bookings).Include(e => e.JuryCandidate).SingleAsync(e => e.JuryCandidateId == s.PaulCandidacy);
            // Marie sits on both juries: take her off jury A first so that only the newcomer can clash.
            var jury = await db.Juries.Include(j => j.Members).SingleAsync(j => j.Id == s.JuryA);
            jury.RemoveMember(s.Marie);
            jury.AppointChair(jury.Members[0].UserId);
            exam.SeatJurors(jury.Members.Select(m => m.UserId));
            exam.Move(Dates.FromBrussels(new DateTime(2026, 6, 12, 10, 15, 0)), 45, "Salle A", null, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }

        var refused = await PostFormAsync(s.Coordinator, $"/Coordinator/Juries/AddMember/{s.JuryA}", new() { ["UserId"] = busy });
        Assert.Contains("Juré B0 siège déjà à l'examen de Sophie Lambert le 12 juin 2026 de 10:00 à 10:45.", await ClashesAsync(refused));
        await using (var db = Factory.NewDb())
        {
            Assert.False(await db.JuryMembers.AnyAsync(m => m.JuryId == s.JuryA && m.UserId == busy));
        }

        var free = await Factory.CreatePersonAsync("libre@example.be", "Juré", "Libre", Roles.JuryMember);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Coordinator, $"/Coordinator/Juries/AddMember/{s.JuryA}", new() { ["UserId"] = free })).StatusCode);
        await using (var db = Factory.NewDb())
        {
            Assert.True(await db.ExamBookings.AnyAsync(b => b.UserId == free && b.Exam.JuryCandidateId == s.PaulCandidacy));
        }

        // Taking the member off frees them at once.
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Coordinator, $"/Coordinator/Juries/RemoveMember/{s.JuryA}/{free}", [])).StatusCode);
        await using (var db = Factory.NewDb())
        {
            Assert.False(await db.ExamBookings.AnyAsync(b => b.UserId == free));
        }
    }

    [Fact]
    public async Task Moving_or_cancelling_an_exam_frees_its_old_slot()
    {
        var s = await TwoJuriesAsync();
        var paulExam = await Factory.ScheduleAsync(s.PaulCandidacy, new DateTime(2026, 6, 12, 10, 0, 0));

        var moved = await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Move/{paulExam}", ExamFields("2026-06-12", "14:00", 45, "Salle A"));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Schedule/{s.SophieCandidacy}", ExamFields("2026-06-12", "10:00", 45, "Salle B"))).StatusCode);

        // Sophie's exam now takes Marie at 10:00; cancelling it frees her for Paul's exam at that time.
        int sophieExam;
        await using (var db = Factory.NewDb())
        {
            sophieExam = await db.Exams.Where(e => e.JuryCandidateId == s.SophieCandidacy).Select(e => e.Id).SingleAsync();
        }
        Assert.Contains("Marie Dubois", await ClashesAsync(await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Move/{paulExam}", ExamFields("2026-06-12", "10:00", 45, "Salle A"))));
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Cancel/{sophieExam}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Move/{paulExam}", ExamFields("2026-06-12", "10:00", 45, "Salle A"))).StatusCode);

        var schedule = await GetPageAsync(s.Coordinator, $"/Coordinator/Exams/{s.CohortId}");
        var rows = schedule.QuerySelectorAll("#exams tbody tr").Select(r => Regex.Replace(r.TextContent, @"\s+", " ").Trim()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("12 juin 2026 à 10:00 – 10:45", rows[0]);
        Assert.Contains("Planifié", rows[0]);
        Assert.Contains("Annulé", rows[1]);
        // Sophie is to plan again.
        Assert.Contains("Sophie Lambert", schedule.QuerySelector("#to-plan")!.TextContent);
    }

    [Fact]
    public async Task A_move_made_on_a_stale_form_is_shown_again_instead_of_applied()
    {
        var s = await TwoJuriesAsync();
        var exam = await Factory.ScheduleAsync(s.PaulCandidacy, new DateTime(2026, 6, 12, 10, 0, 0));
        var form = await GetPageAsync(s.Coordinator, $"/Coordinator/Exams/Move/{exam}");
        var version = form.QuerySelector("input[name='Input.RowVersion']")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Move/{exam}", ExamFields("2026-06-12", "15:00", 45, "Salle A"))).StatusCode);

        var stale = await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Move/{exam}", new(ExamFields("2026-06-12", "16:00", 45, "Salle A")) { ["Input.RowVersion"] = version });

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("12 juin 2026 à 15:00", (await ParseAsync(stale)).QuerySelector("#stale-edit")!.TextContent);
        await using var db = Factory.NewDb();
        Assert.Equal(15, Dates.ToBrussels(await db.Exams.Where(e => e.Id == exam).Select(e => e.StartsAt).SingleAsync()).Hour);
    }

    [Fact]
    public async Task The_ics_file_keeps_its_uid_and_raises_sequence_when_an_exam_moves()
    {
        var s = await TwoJuriesAsync();
        var exam = await Factory.ScheduleAsync(s.PaulCandidacy, new DateTime(2026, 6, 12, 10, 0, 0), 45, "Salle A");
        var paul = NewClient();
        await PostFormAsync(paul, "/Account/Login", new() { ["Input.Email"] = "paul@example.be", ["Input.Password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(paul, "/Calendar", [])).StatusCode);
        var feed = (await GetPageAsync(paul, "/Calendar")).QuerySelector("#feed-url")!.GetAttribute("value")!;
        var anonymous = NewClient();

        var before = await anonymous.GetStringAsync(feed);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Move/{exam}", ExamFields("2026-06-12", "14:00", 45, "Salle A"))).StatusCode);
        var after = await anonymous.GetStringAsync(feed);

        Assert.Equal(Field(before, "UID"), Field(after, "UID"));
        Assert.Equal("0", Field(before, "SEQUENCE"));
        Assert.Equal("1", Field(after, "SEQUENCE"));
        // 10:00 and 14:00 in Brussels on 12 June (summer time) are 08:00 and 12:00 UTC.
        Assert.Equal("20260612T080000Z", Field(before, "DTSTART"));
        Assert.Equal("20260612T120000Z", Field(after, "DTSTART"));
        Assert.Equal("CONFIRMED", Field(after, "STATUS"));

        // The signed-in download says the same.
        var download = await paul.GetAsync("/Calendar/Download");
        Assert.Equal("text/calendar", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Field(after, "UID"), Field(await download.Content.ReadAsStringAsync(), "UID"));
    }

    [Fact]
    public async Task A_cancelled_exam_is_published_as_cancelled()
    {
        var s = await TwoJuriesAsync();
        var exam = await Factory.ScheduleAsync(s.PaulCandidacy, new DateTime(2026, 6, 12, 10, 0, 0));
        var marie = NewClient();
        await PostFormAsync(marie, "/Account/Login", new() { ["Input.Email"] = "marie@example.be", ["Input.Password"] = Password });
        await PostFormAsync(marie, "/Calendar", []);
        var feed = (await GetPageAsync(marie, "/Calendar")).QuerySelector("#feed-url")!.GetAttribute("value")!;
        var uid = Field(await NewClient().GetStringAsync(feed), "UID");

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Cancel/{exam}", [])).StatusCode);
        var ics = await NewClient().GetStringAsync(feed);

        Assert.Equal(uid, Field(ics, "UID"));
        Assert.Equal("CANCELLED", Field(ics, "STATUS"));
        Assert.Equal("1", Field(ics, "SEQUENCE"));
        // A cancelled exam cannot be cancelled (or moved) again: nothing more changes.
        Assert.Equal(HttpStatusCode.NotFound, (await s.Coordinator.GetAsync($"/Coordinator/Exams/Cancel/{exam}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Coordinator.GetAsync($"/Coordinator/Exams/Move/{exam}")).StatusCode);
        Assert.Equal("1", Field(await NewClient().GetStringAsync(feed), "SEQUENCE"));
    }

    [Fact]
    public async Task A_replaced_or_unknown_calendar_address_is_not_found()
    {
        var s = await TwoJuriesAsync();
        var exam = await Factory.ScheduleAsync(s.PaulCandidacy, new DateTime(2026, 6, 12, 10, 0, 0));
        var marie = NewClient();
        await PostFormAsync(marie, "/Account/Login", new() { ["Input.Email"] = "marie@example.be", ["Input.Password"] = Password });
        await PostFormAsync(marie, "/Calendar", []);
        var old = (await GetPageAsync(marie, "/Calendar")).QuerySelector("#feed-url")!.GetAttribute("value")!;
        await PostFormAsync(marie, "/Calendar", []);
        var current = (await GetPageAsync(marie, "/Calendar")).QuerySelector("#feed-url")!.GetAttribute("value")!;

        var anonymous = NewClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(old)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(current)).StatusCode);
        foreach (var token in new[] { "", "x", new string('a', 5000), "%00", "' OR 1=1 --" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/Calendar/Feed?token=" + Uri.EscapeDataString(token))).StatusCode);
        }
    }

    [Fact]
    public async Task Candidates_and_jurors_are_told_when_their_exam_is_scheduled_moved_or_cancelled()
    {
        var s = await TwoJuriesAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Schedule/{s.PaulCandidacy}", ExamFields("2026-06-12", "10:00", 45, "", "https://visio.example.be/jury-a"))).StatusCode);
        int exam;
        await using (var db = Factory.NewDb())
        {
            exam = await db.Exams.Select(e => e.Id).SingleAsync();
        }
        await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Move/{exam}", ExamFields("2026-06-12", "11:00", 45, "", "https://visio.example.be/jury-a"));
        await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Cancel/{exam}", []);

        await using (var db = Factory.NewDb())
        {
            var paul = await db.Notifications.Where(n => n.UserId == s.Paul).OrderBy(n => n.Id).Select(n => new { n.Kind, n.Subject, n.Link }).ToListAsync();
            Assert.Equal([NotificationKind.ExamScheduled, NotificationKind.ExamMoved, NotificationKind.ExamCancelled], paul.Select(n => n.Kind));
            Assert.Equal("12 juin 2026 à 11:00", paul[1].Subject);
            Assert.Equal("/Participant/Exam", paul[0].Link);
            Assert.Equal(3, await db.Notifications.CountAsync(n => n.UserId == s.Marie));
            Assert.Contains("Paul Martin", await db.Notifications.Where(n => n.UserId == s.Marie).Select(n => n.Subject).FirstAsync());
        }

        // The candidate sees the exam (cancelled) and the entry in the portfolio menu.
        var paulClient = NewClient();
        await PostFormAsync(paulClient, "/Account/Login", new() { ["Input.Email"] = "paul@example.be", ["Input.Password"] = Password });
        var page = await GetPageAsync(paulClient, "/Participant/Exam");
        Assert.Contains("Annulé", page.QuerySelector("#my-exams")!.TextContent);
        Assert.NotNull(page.QuerySelector("a[href='/Participant/Exam']"));
    }

    [Fact]
    public async Task The_juror_sees_the_exams_of_their_juries_only()
    {
        var s = await TwoJuriesAsync();
        await Factory.ScheduleAsync(s.PaulCandidacy, new DateTime(2026, 6, 12, 10, 0, 0));
        await Factory.ScheduleAsync(s.SophieCandidacy, new DateTime(2026, 6, 12, 11, 0, 0), 45, "Salle B");
        var juror = NewClient();
        await PostFormAsync(juror, "/Account/Login", new() { ["Input.Email"] = "ja0@example.be", ["Input.Password"] = Password });

        var page = await GetPageAsync(juror, "/Jury/Schedule");

        var rows = page.QuerySelectorAll("#my-exams tbody tr").Select(r => r.GetAttribute("data-candidate")).ToList();
        Assert.Equal(["Paul Martin"], rows);
    }

    [Fact]
    public async Task A_juror_who_steps_aside_sits_at_none_of_that_candidates_exams()
    {
        var s = await TwoJuriesAsync();
        var exam = await Factory.ScheduleAsync(s.PaulCandidacy, new DateTime(2026, 6, 12, 10, 0, 0));
        var marie = NewClient();
        await PostFormAsync(marie, "/Account/Login", new() { ["Input.Email"] = "marie@example.be", ["Input.Password"] = Password });

        var declared = await PostFormAsync(marie, $"/Jury/Declare/{s.PaulCandidacy}", new() { ["Input.Level"] = "Major", ["Input.Explanation"] = "Paul est mon frère." });
        Assert.Equal(HttpStatusCode.Redirect, declared.StatusCode);

        // Her time at Paul's exam is freed: Sophie's exam, where she sits, can take the same hour.
        var sophie = await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Schedule/{s.SophieCandidacy}", ExamFields("2026-06-12", "10:00", 45, "Salle B"));
        Assert.Equal(HttpStatusCode.Redirect, sophie.StatusCode);
        var rows = (await GetPageAsync(marie, "/Jury/Schedule")).QuerySelectorAll("#my-exams tbody tr").Select(r => r.GetAttribute("data-candidate")).ToList();
        Assert.Equal(["Sophie Lambert"], rows);
        await using (var db = Factory.NewDb())
        {
            var paulsJurors = await db.ExamBookings.Where(b => b.Exam.JuryCandidateId == s.PaulCandidacy && b.Role == BookingRole.Juror).CountAsync();
            Assert.Equal(3, paulsJurors);
        }

        // Rescheduled after a cancellation, Paul's exam books the three others only.
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Cancel/{exam}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Coordinator, $"/Coordinator/Exams/Schedule/{s.PaulCandidacy}", ExamFields("2026-06-12", "10:00", 45, "Salle A"))).StatusCode);
        await using (var db = Factory.NewDb())
        {
            var seated = await db.ExamBookings.Where(b => b.Exam.JuryCandidateId == s.PaulCandidacy && b.Exam.CancelledAt == null && b.Role == BookingRole.Juror)
                .Select(b => b.UserId).ToListAsync();
            Assert.Equal(3, seated.Count);
            Assert.DoesNotContain(s.Marie, seated);
        }
    }

    [Fact]
    public async Task Strange_schedule_inputs_are_refused_with_a_message_never_a_server_error()
    {
        var s = await TwoJuriesAsync();
        var url = $"/Coordinator/Exams/Schedule/{s.PaulCandidacy}";
        var cases = new List<Dictionary<string, string>>
        {
            ExamFields("2026-06-12", "10:00", -5, "Salle A"),
            ExamFields("2026-06-12", "10:00", 0, "Salle A"),
            new(ExamFields("2026-06-12", "10:00", 45, "Salle A")) { ["Input.Minutes"] = "99999999999999" },
            ExamFields("9999-12-31", "23:59", 480, "Salle A"),
            ExamFields("0001-01-01", "00:00", 45, "Salle A"),
            ExamFields("pas une date", "25:99", 45, "Salle A"),
            ExamFields("", "", 45, ""),
            ExamFields("2026-06-12", "10:00", 45, ""),
            ExamFields("2026-06-12", "10:00", 45, "Salle\0A"),
            ExamFields("2026-06-12", "10:00", 45, new string('x', 100_000)),
            ExamFields("2026-06-12", "10:00", 45, "", "javascript:alert(1)"),
            ExamFields("2026-06-12", "10:00", 45, "", "https://" + new string('a', 5000) + ".be"),
        };
        foreach (var fields in cases)
        {
            var response = await PostFormAsync(s.Coordinator, url, fields);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{response.StatusCode} for {string.Join(", ", fields.Select(f => f.Key + "=" + f.Value[..Math.Min(30, f.Value.Length)]))}");
        }
        await using (var db = Factory.NewDb())
        {
            Assert.Equal(0, await db.Exams.CountAsync());
        }

        // Wrong ids answer 404, and a double submit makes one exam.
        Assert.Equal(HttpStatusCode.NotFound, (await s.Coordinator.GetAsync("/Coordinator/Exams/Schedule/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Coordinator.GetAsync("/Coordinator/Exams/Move/-1")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(s.Coordinator, url, ExamFields("2026-06-12", "10:00", 45, "Salle A"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(s.Coordinator, url, ExamFields("2026-06-12", "16:00", 45, "Salle A"))).StatusCode);
        await using (var db = Factory.NewDb())
        {
            Assert.Equal(1, await db.Exams.CountAsync());
        }
    }

    /// <summary>The value of the first line of an ICS text starting with the property name (folded lines are not needed here).</summary>
    private static string Field(string ics, string name) =>
        ics.Split("\r\n").Select(l => l.TrimEnd()).First(l => l.StartsWith(name + ":", StringComparison.Ordinal) || l.StartsWith(name + ";", StringComparison.Ordinal)).Split(':', 2)[1];
}
