using Portfolio.Core.Cohorts;
using Portfolio.Core.Data;
using Portfolio.Core.JuryPacks;

namespace Portfolio.Core.Juries;

/// <summary>
/// Which candidates a juror may see, decided here and nowhere else: a member of the candidate's jury who declared no
/// conflict with them, or a minor conflict a coordinator waived. Everything a juror reads of a candidate (their
/// submitted snapshot, reports, files, scores) is filtered through <see cref="CandidatesOpenTo"/>, so that anything
/// else is simply not found (404). Before declaring, a juror sees the candidate's name only (to know whom they declare
/// about); after a major conflict they have stepped aside and see nothing more.
/// </summary>
public static class JuryAccess
{
    /// <summary>The candidates whose submitted work the juror may read and score; none of a programme without a jury.</summary>
    public static IQueryable<JuryCandidate> CandidatesOpenTo(PortfolioDb db, string jurorId) =>
        db.JuryCandidates.Where(c => c.Jury.Members.Any(m => m.UserId == jurorId)
            && db.Cohorts.Using(ProgrammeComponents.Jury).Any(k => k.Id == c.CohortId)
            && db.ConflictDeclarations.Any(d => d.JuryCandidateId == c.Id && d.JurorId == jurorId
                && (d.Level == ConflictLevel.None || (d.Level == ConflictLevel.Minor && d.WaivedAt != null))));

    /// <summary>The candidates of the juror's juries about whom they have not declared yet: the juror sees their name only.</summary>
    public static IQueryable<JuryCandidate> AwaitingDeclarationBy(PortfolioDb db, string jurorId) =>
        db.JuryCandidates.Where(c => c.Jury.Members.Any(m => m.UserId == jurorId)
            && !db.ConflictDeclarations.Any(d => d.JuryCandidateId == c.Id && d.JurorId == jurorId));

    /// <summary>
    /// The jury packs a juror may download: their own jury's, and only when every participant the pack holds is open to
    /// them. A pack built before they declared, or holding a candidate they stepped aside for, stays closed; so does the
    /// cohort's pack (no jury), which is the coordinators'.
    /// </summary>
    public static IQueryable<JuryPack> PacksOpenTo(PortfolioDb db, string jurorId) =>
        db.JuryPacks.Where(p => p.JuryId != null && p.ParticipantIds.Count > 0
            && db.JuryMembers.Any(m => m.JuryId == p.JuryId && m.UserId == jurorId)
            && p.ParticipantIds.All(id => CandidatesOpenTo(db, jurorId).Any(c => c.JuryId == p.JuryId && c.ParticipantId == id)));

    /// <summary>Whether the juror may read the work a participant submitted in a cohort.</summary>
    public static IQueryable<JuryCandidate> OpenCandidacy(PortfolioDb db, string jurorId, int cohortId, string participantId) =>
        CandidatesOpenTo(db, jurorId).Where(c => c.CohortId == cohortId && c.ParticipantId == participantId);

    /// <summary>
    /// The members expected to score a candidate: every member of the jury except those who stepped aside (a major
    /// conflict). Scores stay sealed until each of them has submitted.
    /// </summary>
    public static IQueryable<JuryMember> ScorersOf(PortfolioDb db, int juryCandidateId) =>
        db.JuryMembers.Where(m => db.JuryCandidates.Any(c => c.Id == juryCandidateId && c.JuryId == m.JuryId)
            && !SteppedAside(db).Any(d => d.JuryCandidateId == juryCandidateId && d.JurorId == m.UserId));

    /// <summary>
    /// The declarations by which a juror stepped aside for a candidate (a major conflict): for that candidate they read
    /// nothing, score nothing and sit at no exam. Composable inside other queries.
    /// </summary>
    public static IQueryable<ConflictDeclaration> SteppedAside(PortfolioDb db) =>
        db.ConflictDeclarations.Where(d => d.Level == ConflictLevel.Major);
}
