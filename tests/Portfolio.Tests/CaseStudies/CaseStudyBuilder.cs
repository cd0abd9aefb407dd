using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Portfolio.Core.CaseStudies;
using Portfolio.Core.Juries;
using Portfolio.Core.Storage;
using Portfolio.Tests.Infrastructure;

namespace Portfolio.Tests.CaseStudies;

/// <summary>Small builders for case-study groups, their report versions and juries.</summary>
public static class CaseStudyBuilder
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

    /// <summary>The smallest package a word processor would recognise as DOCX: content types and a document part.</summary>
    public static byte[] Docx()
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }
            using (var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open()))
            {
                writer.Write("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
            }
        }
        return buffer.ToArray();
    }

    public static async Task<int> CreateCaseStudyAsync(this PortfolioFactory factory, int cohortId, string name, string[] memberIds, DateOnly? deadline = null,
        string organisation = "SPF Finances")
    {
        await using var db = factory.NewDb();
        var group = CaseStudyGroup.Form(cohortId, name, organisation, deadline ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), memberIds, DateTimeOffset.UtcNow);
        db.CaseStudyGroups.Add(group);
        await db.SaveChangesAsync();
        return group.Id;
    }

    /// <summary>A version uploaded by a member, its bytes stored as the upload page stores them.</summary>
    public static async Task<int> UploadVersionAsync(this PortfolioFactory factory, int groupId, string memberId, string fileName, byte[] content)
    {
        await using var db = factory.NewDb();
        var group = await db.CaseStudyGroups.Include(g => g.Members).SingleAsync(g => g.Id == groupId);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var stored = await new FileStore(db, TimeProvider.System).SaveAsync(new MemoryStream(content));
        var version = group.Upload(memberId, fileName, "application/pdf", stored.Length, stored.Id, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return version.Id;
    }

    public static async Task SubmitFinalAsync(this PortfolioFactory factory, int groupId, int versionId, string memberId)
    {
        await using var db = factory.NewDb();
        var group = await db.CaseStudyGroups.Include(g => g.Members).Include(g => g.Versions).SingleAsync(g => g.Id == groupId);
        group.SubmitFinal(versionId, memberId, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();
    }


}
