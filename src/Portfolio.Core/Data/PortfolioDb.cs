using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Frameworks;
using Portfolio.Core.Intervision;
using Portfolio.Core.Jobs;
using Portfolio.Core.Juries;
using Portfolio.Core.Mail;
using Portfolio.Core.Notifications;
using Portfolio.Core.Portfolios;
using Portfolio.Core.Scoring;
using Portfolio.Core.Storage;
using Portfolio.Core.Submissions;
using Portfolio.Core.Text;

namespace Portfolio.Core.Data;

public class PortfolioDb(DbContextOptions<PortfolioDb> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public const string MigrationsAssembly = "Portfolio.Migrations";

    public DbSet<Framework> Frameworks => Set<Framework>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<ProgrammeCoordinator> ProgrammeCoordinators => Set<ProgrammeCoordinator>();
    public DbSet<Cohort> Cohorts => Set<Cohort>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<Campaign> Campaigns => Set<Campaign>();
    public DbSet<CohortSession> CohortSessions => Set<CohortSession>();
    public DbSet<SelfAssessment> SelfAssessments => Set<SelfAssessment>();
    public DbSet<Evidence> Evidence => Set<Evidence>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<EvidenceRevision> EvidenceRevisions => Set<EvidenceRevision>();
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<TransformationProject> TransformationProjects => Set<TransformationProject>();
    public DbSet<ProjectMilestone> ProjectMilestones => Set<ProjectMilestone>();
    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();
    public DbSet<StoredFileChunk> StoredFileChunks => Set<StoredFileChunk>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<OutgoingMail> OutgoingMails => Set<OutgoingMail>();
    public DbSet<PasswordLink> PasswordLinks => Set<PasswordLink>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();

    // Intervision
    public DbSet<IntervisionGroup> IntervisionGroups => Set<IntervisionGroup>();
    public DbSet<GroupMember> GroupMembers => Set<GroupMember>();
    public DbSet<FeedbackRequest> FeedbackRequests => Set<FeedbackRequest>();
    public DbSet<FeedbackRecipient> FeedbackRecipients => Set<FeedbackRecipient>();
    public DbSet<Feedback> Feedback => Set<Feedback>();
    public DbSet<CodevSession> CodevSessions => Set<CodevSession>();
    public DbSet<CodevContribution> CodevContributions => Set<CodevContribution>();
    public DbSet<CodevPlan> CodevPlans => Set<CodevPlan>();
    public DbSet<CodevTakeaway> CodevTakeaways => Set<CodevTakeaway>();
    public DbSet<CodevFollowUp> CodevFollowUps => Set<CodevFollowUp>();

    // Juries
    public DbSet<Jury> Juries => Set<Jury>();
    public DbSet<JuryMember> JuryMembers => Set<JuryMember>();
    public DbSet<JuryCandidate> JuryCandidates => Set<JuryCandidate>();
    public DbSet<ConflictDeclaration> ConflictDeclarations => Set<ConflictDeclaration>();
    // Juries: the exam schedule (bookings refused twice by an exclusion constraint) and calendar subscriptions
    public DbSet<Exam> Exams => Set<Exam>();
    public DbSet<ExamBooking> ExamBookings => Set<ExamBooking>();
    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();

    // Case-study groups and the collective report
    public DbSet<CaseStudyGroup> CaseStudyGroups => Set<CaseStudyGroup>();
    public DbSet<CaseStudyMember> CaseStudyMembers => Set<CaseStudyMember>();
    public DbSet<ReportVersion> ReportVersions => Set<ReportVersion>();
    public DbSet<CaseStudyEvent> CaseStudyEvents => Set<CaseStudyEvent>();
    // Submissions: the individual report, evidence marked for assessment, immutable snapshots (part "submission")
    public DbSet<IndividualReport> IndividualReports => Set<IndividualReport>();
    public DbSet<ReportSection> ReportSections => Set<ReportSection>();
    public DbSet<ReportSectionRevision> ReportSectionRevisions => Set<ReportSectionRevision>();
    public DbSet<SubmissionRecord> SubmissionRecords => Set<SubmissionRecord>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<SubmissionFile> SubmissionFiles => Set<SubmissionFile>();
    public DbSet<SubmissionReopening> SubmissionReopenings => Set<SubmissionReopening>();

    // Scoring: the grid, sealed scores, deliberations and the release of results
    public DbSet<ScoringGrid> ScoringGrids => Set<ScoringGrid>();
    public DbSet<ScoringCriterion> ScoringCriteria => Set<ScoringCriterion>();
    public DbSet<ScoringLevel> ScoringLevels => Set<ScoringLevel>();
    public DbSet<JurorScore> JurorScores => Set<JurorScore>();
    public DbSet<JurorMark> JurorMarks => Set<JurorMark>();
    public DbSet<Deliberation> Deliberations => Set<Deliberation>();
    public DbSet<AgreedMark> AgreedMarks => Set<AgreedMark>();
    public DbSet<DeliberationChange> DeliberationChanges => Set<DeliberationChange>();
    public DbSet<ResultsRelease> ResultsReleases => Set<ResultsRelease>();

    // Jury packs: the coordinators' report templates, every saved version
    public DbSet<JuryPacks.ReportTemplate> ReportTemplates => Set<JuryPacks.ReportTemplate>();
    public DbSet<JuryPacks.JuryPack> JuryPacks => Set<JuryPacks.JuryPack>();

    // Notifications
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<NotificationPreference> NotificationPreferences => Set<NotificationPreference>();
    public DbSet<ReminderLog> ReminderLogs => Set<ReminderLog>();

    /// <summary>Shared by every web node, so that a cookie issued by one is read by the others.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Text PostgreSQL would refuse (a NUL, a value longer than its column) stops the save before any command.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        ScoringGrid.GiveDefaults(ChangeTracker);
        StorableText.Check(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        ScoringGrid.GiveDefaults(ChangeTracker);
        StorableText.Check(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Newer areas keep their mapping beside their entities (IEntityTypeConfiguration classes in this assembly).
        builder.ApplyConfigurationsFromAssembly(typeof(PortfolioDb).Assembly);
        // Juries: the exam bookings' exclusion constraint compares resource names with = inside a gist index.
        builder.HasPostgresExtension("btree_gist");

        builder.Entity<AppUser>(u =>
        {
            u.Property(x => x.FirstName).HasMaxLength(AppUser.NameLength);
            u.Property(x => x.LastName).HasMaxLength(AppUser.NameLength);
            u.Property(x => x.Organisation).HasMaxLength(AppUser.OrganisationLength);
            u.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CurrentCohortId).OnDelete(DeleteBehavior.SetNull);
            u.Property(x => x.PreferredLanguage).HasMaxLength(8).HasDefaultValue(AppUser.DefaultLanguage);
        });
        builder.Entity<PasswordLink>(l =>
        {
            l.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            l.HasIndex(x => x.TokenHash).IsUnique();
            l.Property(x => x.TokenHash).HasMaxLength(64);
            l.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(20);
        });
        builder.Entity<UserSession>(s =>
        {
            s.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
            // Revoking a person's other sessions looks them up by person.
            s.HasIndex(x => x.UserId);
        });
        builder.Entity<OutgoingMail>(m =>
        {
            // One message per request: queuing the same request twice is refused by the database.
            m.HasIndex(x => x.Key).IsUnique();
            m.Property(x => x.Key).HasMaxLength(200);
            m.Property(x => x.ToAddress).HasMaxLength(256);
            m.Property(x => x.ToName).HasMaxLength(201);
            m.Property(x => x.Subject).HasMaxLength(300);
            m.HasIndex(x => x.QueuedAt);
        });

        builder.Entity<Framework>(f =>
        {
            f.HasIndex(x => new { x.Code, x.Version }).IsUnique();
            f.Property(x => x.Code).HasMaxLength(FrameworkLimits.FrameworkCode);
            f.Property(x => x.Title).HasMaxLength(FrameworkLimits.Title);
            f.Property(x => x.Language).HasMaxLength(FrameworkLimits.Language);
            f.Property(x => x.PillarLabel).HasMaxLength(FrameworkLimits.PillarLabel);
            f.Property(x => x.Description).HasMaxLength(FrameworkLimits.Description);
            f.Property(x => x.CaseStudyTitle).HasMaxLength(FrameworkLimits.Title);
            f.Property(x => x.CaseStudyDescription).HasMaxLength(FrameworkLimits.Description);
            f.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            f.HasMany(x => x.Scale).WithOne().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Cascade);
            f.HasMany(x => x.Pillars).WithOne().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Cascade);
            f.HasMany(x => x.Axes).WithOne().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Cascade);
            f.HasMany(x => x.CycleObjectives).WithOne().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Cascade);
            f.HasMany(x => x.LeadershipCompetencies).WithOne().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Cascade);
            f.HasMany(x => x.CaseStudyOutcomes).WithOne().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ScaleLevel>(l =>
        {
            l.HasIndex(x => new { x.FrameworkId, x.Value }).IsUnique();
            l.Property(x => x.Label).HasMaxLength(FrameworkLimits.ScaleLabel);
            l.Property(x => x.Description).HasMaxLength(FrameworkLimits.Description);
        });
        builder.Entity<Pillar>(p =>
        {
            p.HasIndex(x => new { x.FrameworkId, x.Code }).IsUnique();
            p.Property(x => x.Code).HasMaxLength(FrameworkLimits.Code);
            p.Property(x => x.Title).HasMaxLength(FrameworkLimits.Title);
            p.Property(x => x.Description).HasMaxLength(FrameworkLimits.Description);
            p.HasMany(x => x.Objectives).WithOne(x => x.Pillar).HasForeignKey(x => x.PillarId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Objective>(o =>
        {
            o.HasMany(x => x.Outcomes).WithOne().HasForeignKey(x => x.ObjectiveId).OnDelete(DeleteBehavior.Cascade);
            o.Property(x => x.Code).HasMaxLength(FrameworkLimits.Code);
            o.Property(x => x.Title).HasMaxLength(FrameworkLimits.Title);
        });
        builder.Entity<LearningOutcome>(o =>
        {
            o.Property(x => x.Code).HasMaxLength(FrameworkLimits.Code);
            o.Property(x => x.Text).HasMaxLength(FrameworkLimits.OutcomeText);
        });
        builder.Entity<CycleObjective>(o =>
        {
            o.Property(x => x.Code).HasMaxLength(FrameworkLimits.Code);
            o.Property(x => x.Title).HasMaxLength(FrameworkLimits.Title);
        });
        builder.Entity<Axis>(a =>
        {
            a.Property(x => x.Code).HasMaxLength(FrameworkLimits.Code);
            a.Property(x => x.Title).HasMaxLength(FrameworkLimits.Title);
            a.Property(x => x.Description).HasMaxLength(FrameworkLimits.Description);
        });
        builder.Entity<LeadershipCompetency>(c =>
        {
            c.HasOne(x => x.AfterPillar).WithMany().HasForeignKey(x => x.AfterPillarId).OnDelete(DeleteBehavior.Restrict);
            c.Property(x => x.Code).HasMaxLength(FrameworkLimits.Code);
            c.Property(x => x.Title).HasMaxLength(FrameworkLimits.Title);
        });
        builder.Entity<CaseStudyOutcome>(o =>
        {
            o.Property(x => x.Code).HasMaxLength(FrameworkLimits.Code);
            o.Property(x => x.Text).HasMaxLength(FrameworkLimits.OutcomeText);
        });

        builder.Entity<Programme>(p =>
        {
            p.HasIndex(x => x.Code).IsUnique();
            p.Property(x => x.Code).HasMaxLength(64);
            p.Property(x => x.FrameworkCode).HasMaxLength(FrameworkLimits.FrameworkCode);
            p.Property(x => x.RowVersion).IsRowVersion();
            p.HasMany(x => x.Cohorts).WithOne(x => x.Programme).HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
            p.HasMany(x => x.Coordinators).WithOne(x => x.Programme).HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ProgrammeCoordinator>(c =>
        {
            c.HasKey(x => new { x.ProgrammeId, x.UserId });
            c.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Cohort>(c =>
        {
            c.HasIndex(x => new { x.ProgrammeId, x.Name }).IsUnique();
            c.Property(x => x.Name).HasMaxLength(200);
            c.Property(x => x.RowVersion).IsRowVersion();
            // A framework version in use by a cohort can never be deleted.
            c.HasOne(x => x.Framework).WithMany().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Restrict);
            c.HasMany(x => x.Enrolments).WithOne(x => x.Cohort).HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Enrolment>(e =>
        {
            e.HasIndex(x => new { x.CohortId, x.UserId }).IsUnique();
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Campaign>(c =>
        {
            c.HasOne(x => x.Cohort).WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Cascade);
            c.HasIndex(x => new { x.CohortId, x.Position });
            c.Property(x => x.Name).HasMaxLength(200);
            c.Property(x => x.RowVersion).IsRowVersion();
        });
        builder.Entity<SelfAssessment>(a =>
        {
            a.HasOne(x => x.Campaign).WithMany().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
            a.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ParticipantId).OnDelete(DeleteBehavior.Cascade);
            a.HasOne<Objective>().WithMany().HasForeignKey(x => x.ObjectiveId).OnDelete(DeleteBehavior.Restrict);
            a.HasOne<LeadershipCompetency>().WithMany().HasForeignKey(x => x.LeadershipCompetencyId).OnDelete(DeleteBehavior.Restrict);
            // One self-assessment per participant, campaign and objective (or competency).
            a.HasIndex(x => new { x.ParticipantId, x.CampaignId, x.ObjectiveId }).IsUnique().HasFilter("\"ObjectiveId\" IS NOT NULL");
            a.HasIndex(x => new { x.ParticipantId, x.CampaignId, x.LeadershipCompetencyId }).IsUnique().HasFilter("\"LeadershipCompetencyId\" IS NOT NULL");
            a.ToTable(t => t.HasCheckConstraint("CK_SelfAssessment_OneTarget", "(\"ObjectiveId\" IS NULL) <> (\"LeadershipCompetencyId\" IS NULL)"));
            a.HasMany(x => x.Outcomes).WithOne().HasForeignKey(x => x.SelfAssessmentId).OnDelete(DeleteBehavior.Cascade);
            a.Property(x => x.RowVersion).IsRowVersion();
        });
        builder.Entity<OutcomeAssessment>(o =>
        {
            o.HasKey(x => new { x.SelfAssessmentId, x.LearningOutcomeId });
            o.HasOne<LearningOutcome>().WithMany().HasForeignKey(x => x.LearningOutcomeId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Evidence>(e =>
        {
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.OwnerId, x.OccurredOn });
            e.HasOne<CohortSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.SetNull);
            e.HasIndex(x => new { x.OwnerId, x.SessionId });
            e.Property(x => x.Title).HasMaxLength(300);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(40);
            e.Property(x => x.Visibility).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.RowVersion).IsRowVersion();
            e.Property(x => x.OriginKind).HasConversion<string>().HasMaxLength(40);
            e.Property(x => x.OriginDescription).HasMaxLength(EvidenceOrigin.DescriptionLength);
            // Turning the same feedback or take-away into evidence twice gives one item.
            e.HasIndex(x => new { x.OwnerId, x.OriginKind, x.OriginId }).IsUnique().HasFilter("\"OriginKind\" IS NOT NULL");
            // Deleting a project unties its items; they stay in the portfolio.
            e.HasOne<TransformationProject>().WithMany().HasForeignKey(x => x.TransformationProjectId).OnDelete(DeleteBehavior.SetNull);
            e.HasGeneratedTsVectorColumn(x => x.SearchVector, "french", x => new { x.Title, x.Description, x.Reflection })
                .HasIndex(x => x.SearchVector).HasMethod("GIN");
            e.HasIndex(x => x.ObjectiveIds).HasMethod("GIN");
            e.OwnsMany(x => x.Links, l => l.ToJson());
            e.HasMany(x => x.Attachments).WithOne(x => x.Evidence).HasForeignKey(x => x.EvidenceId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Revisions).WithOne().HasForeignKey(x => x.EvidenceId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<EvidenceRevision>(r => r.Property(x => x.Snapshot).HasColumnType("jsonb"));
        builder.Entity<Attachment>(a =>
        {
            a.Property(x => x.FileName).HasMaxLength(200);
            a.Property(x => x.ContentType).HasMaxLength(120);
            a.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.StoredFileId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<JournalEntry>(j =>
        {
            j.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
            j.HasOne<Cohort>().WithMany().HasForeignKey(x => x.CohortId).OnDelete(DeleteBehavior.Restrict);
            j.HasIndex(x => new { x.OwnerId, x.WrittenOn });
            j.HasOne<CohortSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.SetNull);
            j.HasIndex(x => new { x.OwnerId, x.SessionId });
            j.Property(x => x.Title).HasMaxLength(300);
            j.Property(x => x.Visibility).HasConversion<string>().HasMaxLength(20);
            j.Property(x => x.RowVersion).IsRowVersion();
            j.HasOne<TransformationProject>().WithMany().HasForeignKey(x => x.TransformationProjectId).OnDelete(DeleteBehavior.SetNull);
        });

        builder.Entity<StoredFile>(f => f.Property(x => x.Sha256).HasMaxLength(64));
        builder.Entity<StoredFileChunk>(c =>
        {
            c.HasKey(x => new { x.StoredFileId, x.Index });
            c.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.StoredFileId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<JobRun>(j =>
        {
            j.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerId).OnDelete(DeleteBehavior.Cascade);
            j.HasIndex(x => new { x.OwnerId, x.Kind, x.RequestedAt });
            j.Property(x => x.Kind).HasMaxLength(50);
            j.Property(x => x.State).HasConversion<string>().HasMaxLength(20);
            j.HasOne<StoredFile>().WithMany().HasForeignKey(x => x.ArtifactFileId).OnDelete(DeleteBehavior.SetNull);
            j.Property(x => x.Attempts).IsConcurrencyToken();
        });
    }
}
