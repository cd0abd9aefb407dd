using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.Accounts;
using Portfolio.Core.Cohorts;
using Portfolio.Core.Frameworks;

namespace Portfolio.Core.Data;

public class PortfolioDb(DbContextOptions<PortfolioDb> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public const string MigrationsAssembly = "Portfolio.Migrations";

    public DbSet<Framework> Frameworks => Set<Framework>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<Cohort> Cohorts => Set<Cohort>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();

    /// <summary>Shared by every web node, so that a cookie issued by one is read by the others.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(u =>
        {
            u.Property(x => x.FirstName).HasMaxLength(100);
            u.Property(x => x.LastName).HasMaxLength(100);
            u.Property(x => x.Organisation).HasMaxLength(200);
        });

        builder.Entity<Framework>(f =>
        {
            f.HasIndex(x => new { x.Code, x.Version }).IsUnique();
            f.Property(x => x.Code).HasMaxLength(64);
            f.Property(x => x.Language).HasMaxLength(16);
            f.Property(x => x.PillarLabel).HasMaxLength(50);
            f.HasMany(x => x.Scale).WithOne().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Cascade);
            f.HasMany(x => x.Pillars).WithOne().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Cascade);
            f.HasMany(x => x.Axes).WithOne().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Cascade);
            f.HasMany(x => x.LeadershipCompetencies).WithOne().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Cascade);
            f.HasMany(x => x.CaseStudyOutcomes).WithOne().HasForeignKey(x => x.FrameworkId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ScaleLevel>(l => l.HasIndex(x => new { x.FrameworkId, x.Value }).IsUnique());
        builder.Entity<Pillar>(p =>
        {
            p.HasIndex(x => new { x.FrameworkId, x.Code }).IsUnique();
            p.HasMany(x => x.Objectives).WithOne(x => x.Pillar).HasForeignKey(x => x.PillarId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<Objective>(o => o.HasMany(x => x.Outcomes).WithOne().HasForeignKey(x => x.ObjectiveId).OnDelete(DeleteBehavior.Cascade));
        builder.Entity<LeadershipCompetency>(c =>
            c.HasOne(x => x.AfterPillar).WithMany().HasForeignKey(x => x.AfterPillarId).OnDelete(DeleteBehavior.Restrict));

        builder.Entity<Programme>(p =>
        {
            p.HasIndex(x => x.Code).IsUnique();
            p.Property(x => x.Code).HasMaxLength(64);
            p.HasMany(x => x.Cohorts).WithOne(x => x.Programme).HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Restrict);
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
    }
}
